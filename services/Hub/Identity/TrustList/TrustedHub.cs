using Federation.Trust;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Hub.Identity.TrustList;

/// <summary>A trusted hub as the authority describes it: the issuer of its tokens, where its API is, and the federation keys its messages are signed with.</summary>
public sealed record TrustedHub(string HubId, Uri Issuer, Uri ApiBaseUrl, IReadOnlyList<JsonWebKey> FederationKeys)
{
    public static TrustedHub Of(TrustedMember member) => new(member.Member.MemberId, member.Member.Issuer, member.Member.ApiBaseUrl, member.Keys);
}
