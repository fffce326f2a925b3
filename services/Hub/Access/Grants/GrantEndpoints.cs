using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Hub.Access.Requests;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Identity.TrustList;
using Federation.Hub.Resources;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Access.Grants;

/// <summary>Staff list grants, grant directly (to a person, an organisation of a hub, or a whole hub), and revoke.</summary>
public static class GrantEndpoints
{
    private static readonly TimeSpan LongestGrant = TimeSpan.FromDays(2 * 365);

    public static IEndpointRouteBuilder MapGrants(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/").WithTags("Access").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/grants", async (Guid? resourceId, bool? live, GrantStore grants, TimeProvider clock, CancellationToken cancellationToken) =>
            TypedResults.Ok(await grants.ListAsync(resourceId, live ?? true, clock.GetUtcNow(), cancellationToken)));
        staff.MapPost("/resources/{id:guid}/grants", GrantAsync);
        staff.MapPost("/grants/{grantId:guid}/revoke", async (Guid grantId, RevocationInput? input, HttpContext http, GrantStore grants,
            AccessDecisions decisions, IGrainFactory grains, AuditActors actors, CancellationToken cancellationToken) =>
        {
            var reason = DecisionReason.Required(input?.Reason);
            if (reason is null)
            {
                return Problems.Invalid("reason", "Give a reason for the revocation (1 to 1000 characters).");
            }

            var grant = await grants.FindAsync(grantId, cancellationToken);
            if (grant is null)
            {
                return Problems.NotFound($"There is no grant {grantId} at this hub.");
            }

            var title = (await grains.GetGrain<IResourceGrain>(grant.ResourceId).Get())?.Title ?? "";
            var revoked = await decisions.RevokeAsync(grantId, reason, title, actors.Of(http.User), cancellationToken);
            return revoked is null ? Problems.Conflict("The grant was already revoked.") : (IResult)TypedResults.Ok(revoked);
        });
        return app;
    }

    private static async Task<IResult> GrantAsync(
        Guid id, GrantInput? input, HttpContext http, IGrainFactory grains, AccessDecisions decisions, AuditActors actors,
        FederationTrustList trustList, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        var kind = input?.GranteeKind;
        if (kind is not (Grant.Person or Grant.Organisation or Grant.WholeHub))
        {
            return Problems.Invalid("granteeKind", "Grant to 'person', 'organisation' or 'hub'.");
        }

        var granteeHub = input!.GranteeHub;
        if (granteeHub is null || (granteeHub != hub.Value.Id && trustList.FindByHubId(granteeHub) is null))
        {
            return Problems.Invalid("granteeHub", "Name this hub or a hub on the federation trust list.");
        }

        if (kind == Grant.Person && input.GranteeSubject is not { Length: > 0 and <= 200 })
        {
            return Problems.Invalid("granteeSubject", "A grant to a person names their id at their home hub.");
        }

        if (kind == Grant.Organisation && input.GranteeOrganisation is not { Length: > 0 and <= 200 })
        {
            return Problems.Invalid("granteeOrganisation", "A grant to an organisation names its id at its hub.");
        }

        var now = clock.GetUtcNow();
        if (input.ExpiresAt is not { } expiresAt || expiresAt <= now || expiresAt > now + LongestGrant)
        {
            return Problems.Invalid("expiresAt", "Every grant ends: give expiresAt, in the future and at most two years ahead.");
        }

        var resource = await grains.GetGrain<IResourceGrain>(id).Get();
        if (resource is null)
        {
            return Problems.NotFound($"There is no resource {id} at this hub.");
        }

        if (resource.AccessPolicy != AccessPolicy.Approval)
        {
            return Problems.Conflict("Grants are for resources whose access policy is 'approval'.");
        }

        var actor = actors.Of(http.User);
        var grant = new Grant(Guid.CreateVersion7(), id, kind, granteeHub, kind == Grant.Person ? input.GranteeSubject : null,
            kind == Grant.Organisation ? input.GranteeOrganisation : null, null, actor.Describe(), now, expiresAt.ToUniversalTime(), null, null, null);
        await decisions.GrantAsync(grant, actor, cancellationToken);
        return TypedResults.Created($"/grants?resourceId={id}", grant);
    }
}
