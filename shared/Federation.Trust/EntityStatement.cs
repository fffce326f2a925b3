using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust;

/// <summary>
/// One entity statement: <see cref="Issuer"/> says, from <see cref="IssuedAt"/> until <see cref="ExpiresAt"/>, that
/// <see cref="Subject"/> holds the federation keys <see cref="Keys"/> and is the member <see cref="Member"/>. Issued
/// by the authority about a member (a subordinate statement), or by a member about itself (its entity
/// configuration, with the authority among its <see cref="AuthorityHints"/>).
/// </summary>
public sealed record EntityStatement(
    Uri Issuer,
    Uri Subject,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<JsonWebKey> Keys,
    MemberMetadata? Member,
    IReadOnlyList<Uri> AuthorityHints)
{
    public bool IsSelfSigned => EntityIds.Same(Issuer, Subject);
}
