using Federation.Contracts;
using Federation.Hub.Access.Grants;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Authorization;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Access.Policies;

/// <summary>
/// Decides, on every read of a protected part and every download, whether the caller may: by the resource's access
/// policy and, for <c>approval</c>, a grant that is live at this moment. Nothing is cached, so an expiry or a
/// revocation takes effect on the very next request.
/// </summary>
public sealed class AccessEvaluator(GrantStore grants, IOptions<HubOptions> hub, TimeProvider clock)
{
    public async Task<AccessDecision> EvaluateAsync(ResourceSnapshot resource, CallerIdentity? caller, CancellationToken cancellationToken)
    {
        var self = hub.Value.Id;
        var isStaff = caller is not null && caller.HomeHub == self && caller.HasRole(HubRoles.Staff);
        if (isStaff)
        {
            return AccessDecision.Allow("staff of the owning hub");
        }

        if (resource.State != ResourceState.Published)
        {
            return AccessDecision.Deny("The resource is not published.");
        }

        switch (resource.AccessPolicy)
        {
            case AccessPolicy.Open:
                return AccessDecision.Allow("open to everyone");
            case AccessPolicy.Federation when caller is not null:
                return AccessDecision.Allow("open to the federation");
            case AccessPolicy.Federation:
                return AccessDecision.Deny("Sign in (at your home hub) to use this resource.");
            case AccessPolicy.Hub when caller is not null && caller.HomeHub == self && caller.HasRole(HubRoles.Member):
                return AccessDecision.Allow("member of the owning hub");
            case AccessPolicy.Hub:
                return AccessDecision.Deny($"Only members of {self} may use this resource.");
            case AccessPolicy.Approval when caller is null:
                return AccessDecision.Deny("Sign in and ask for access to use this resource.");
            default:
                var grant = await grants.FindLiveAsync(resource.Id, caller!, clock.GetUtcNow(), cancellationToken);
                return grant is null
                    ? AccessDecision.Deny("No live grant for this resource: ask for access, or ask again if it ended.")
                    : AccessDecision.Allow($"grant to {grant.GranteeKind}", grant.Id);
        }
    }
}
