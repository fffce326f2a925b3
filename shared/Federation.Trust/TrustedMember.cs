using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust;

/// <summary>
/// A member whose trust chain holds: what the authority says it is, the federation keys the authority vouches for
/// (with which its messages and its own statements must be signed), until when, and the authority's signed statement
/// itself, so that anyone can check it again. <see cref="SelfConfirmed"/> says whether the member's own entity
/// configuration was read and held too (it proves the member holds a key the authority vouches for).
/// </summary>
public sealed record TrustedMember(Uri EntityId, MemberMetadata Member, IReadOnlyList<JsonWebKey> Keys, DateTimeOffset ValidUntil, string Statement)
{
    public bool SelfConfirmed { get; init; }

    /// <summary>The ids of its keys, in order: two members with the same are vouched for with the same keys.</summary>
    public string KeyIds => string.Join(',', Keys.Select(key => key.Kid));
}
