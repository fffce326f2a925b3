namespace Federation.Trust;

/// <summary>A member whose chain holds, or why it does not.</summary>
public sealed record TrustChainResult(TrustedMember? Member, string? Refusal)
{
    public static TrustChainResult Trusted(TrustedMember member) => new(member, null);

    public static TrustChainResult Refused(string reason) => new(null, reason);
}
