using Federation.Hub.Identity.TrustList;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// Which scopes a client may ask this hub for: the standard ones, and <c>hub:{id}</c> for this hub and every hub on
/// the trust list, which makes that hub an audience of the token (so it can be exchanged there). Anything else is
/// refused by name.
/// </summary>
public sealed class ScopeRules(FederationTrustList trustList)
{
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess,
    };

    public string? FindUnknown(IEnumerable<string> scopes, string selfHubId) =>
        scopes.FirstOrDefault(scope => !Standard.Contains(scope) && !IsHubScope(scope, selfHubId));

    /// <summary>The audiences of a token: always this hub, plus each hub named by a <c>hub:{id}</c> scope.</summary>
    public static IEnumerable<string> AudiencesFor(IEnumerable<string> scopes, string selfHubId) =>
        scopes.Where(scope => HubClaims.TryReadAudienceScope(scope, out _))
            .Append(HubClaims.AudienceOf(selfHubId))
            .Distinct(StringComparer.Ordinal);

    private bool IsHubScope(string scope, string selfHubId) =>
        HubClaims.TryReadAudienceScope(scope, out var hubId) && (hubId == selfHubId || trustList.FindByHubId(hubId) is not null);
}
