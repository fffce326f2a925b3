namespace Federation.Trust;

/// <summary>A message's signature checked: by which key and when it was signed, or why it is refused (a short kind for metrics, and words).</summary>
public sealed record MessageVerification(string? KeyId, DateTimeOffset SignedAt, string? RefusalKind, string? Refusal)
{
    public bool IsSigned => RefusalKind is null;

    public static MessageVerification Signed(string keyId, DateTimeOffset at) => new(keyId, at, null, null);

    public static MessageVerification Refused(string kind, string reason) => new(null, default, kind, reason);
}
