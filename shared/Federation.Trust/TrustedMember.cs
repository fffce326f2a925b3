using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust;

/// <summary>
/// A member whose trust chain holds: what the authority says it is, the federation keys the authority vouches for
/// (with which its messages and its own statements must be signed), until when, and the authority's signed statement
/// itself, so that anyone can check it again.
/// </summary>
public sealed record TrustedMember(Uri EntityId, MemberMetadata Member, IReadOnlyList<JsonWebKey> Keys, DateTimeOffset ValidUntil, string Statement);
