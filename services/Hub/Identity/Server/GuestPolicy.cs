using Federation.Hub.Identity.Accounts;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// The one place that decides what a member of another hub may be here. Whatever roles they hold at home, a guest
/// is never staff and never a member of this hub: home roles are read, never carried over.
/// </summary>
public sealed class GuestPolicy(IOptionsMonitor<GuestPolicyOptions> options)
{
    /// <summary>The guest roles for a person from <paramref name="homeHub"/>, or null when this hub refuses them.</summary>
    public IReadOnlyList<string>? RolesFor(string homeHub, string? organisationType)
    {
        var policy = options.CurrentValue;
        if (policy.RefusedHubs.Contains(homeHub, StringComparer.Ordinal))
        {
            return null;
        }

        return organisationType is not null && policy.ResearcherOrganisationTypes.Contains(organisationType, StringComparer.Ordinal)
            ? [HubRoles.Guest, HubRoles.GuestResearcher]
            : [HubRoles.Guest];
    }
}
