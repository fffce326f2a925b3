namespace Federation.ServiceDefaults.Messaging.Signing;

/// <summary>
/// Who signed the message being consumed, as its signature proved (a consume context payload), with the signature and
/// the exact bytes it covers (the message's canonical JSON), for a consumer that keeps the proof for others to check.
/// </summary>
public sealed record VerifiedSender(string MemberId, string KeyId, DateTimeOffset SignedAt, string Signature, ReadOnlyMemory<byte> SignedJson)
{
    /// <summary>What the authority's statement says the sender is (<c>hub</c>, <c>facility</c>); null for this node's own messages.</summary>
    public string? MemberKind { get; init; }
}
