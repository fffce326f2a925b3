using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// Which scopes a client may ask this hub for: the standard ones, and <c>hub:{id}</c> for this hub itself. A token of
/// this hub is meant for this hub only; a token for another hub is asked for separately, one hub at a time, by token
/// exchange with <c>audience=hub:{id}</c> (<see cref="OnwardTokens"/>), so no hub ever holds a token that another
/// hub, or this one, would accept.
/// </summary>
public static class ScopeRules
{
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess,
    };

    /// <summary>Why the scopes asked for are refused, in words; null when every one is offered here.</summary>
    public static string? Refusal(IEnumerable<string> scopes, string selfHubId)
    {
        foreach (var scope in scopes)
        {
            if (Standard.Contains(scope) || scope == HubClaims.AudienceOf(selfHubId))
            {
                continue;
            }

            return HubClaims.TryReadAudience(scope, out var hubId)
                ? $"The scope '{scope}' is not offered: a token of this hub is meant for this hub only. Ask for a token for {hubId} by token exchange with audience=hub:{hubId} when it is needed."
                : $"The scope '{scope}' is not offered by this hub.";
        }

        return null;
    }
}
