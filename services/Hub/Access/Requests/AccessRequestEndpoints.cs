using Federation.Contracts.Serialization;
using Federation.Contracts.Hub;
using Federation.Contracts;
using Federation.Hub.Access.Grants;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources;

namespace Federation.Hub.Access.Requests;

/// <summary>
/// Asking for access to an <c>approval</c> resource (any signed-in person: member or guest), and the owning hub's
/// staff listing, approving and denying those requests.
/// </summary>
public static class AccessRequestEndpoints
{
    private const int MinPurpose = 20;
    private const int MaxPurpose = 2000;
    private static readonly TimeSpan LongestGrant = TimeSpan.FromDays(2 * 365);

    public static IEndpointRouteBuilder MapAccessRequests(this IEndpointRouteBuilder app)
    {
        app.MapPost("/resources/{id:guid}/access-requests", AskAsync).WithTags("Access").RequireAuthorization(HubAuthorization.SignedIn);
        app.MapGet("/me/access-requests", async (HttpContext http, AccessRequestStore requests, CancellationToken cancellationToken) =>
        {
            var caller = CallerIdentity.From(http.User)!;
            return TypedResults.Ok(await requests.ListAsync(null, null, (caller.HomeHub, caller.HomeSubject), cancellationToken));
        }).WithTags("Access").RequireAuthorization(HubAuthorization.SignedIn);

        var staff = app.MapGroup("/access-requests").WithTags("Access").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/", async (string? state, Guid? resourceId, AccessRequestStore requests, CancellationToken cancellationToken) =>
            state is not (null or "pending" or "approved" or "denied")
                ? Problems.Invalid("state", "Use pending, approved or denied.")
                : (IResult)TypedResults.Ok(await requests.ListAsync(state, resourceId, null, cancellationToken)));
        staff.MapPost("/{requestId:guid}/approve", ApproveAsync);
        staff.MapPost("/{requestId:guid}/deny", DenyAsync);
        return app;
    }

    private static async Task<IResult> AskAsync(
        Guid id, AccessRequestInput? input, HttpContext http, IGrainFactory grains, AuditActors actors,
        GrantStore grants, AccessDecisions decisions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var purpose = input?.Purpose?.Trim() ?? "";
        if (purpose.Length is < MinPurpose or > MaxPurpose)
        {
            return Problems.Invalid("purpose", $"State the purpose in {MinPurpose} to {MaxPurpose} characters.");
        }

        if (input?.AcceptTerms != true)
        {
            return Problems.Invalid("acceptTerms", "The resource's terms must be accepted (acceptTerms: true).");
        }

        var resource = await grains.GetGrain<IResourceGrain>(id).Get();
        if (resource is not { State: ResourceState.Published })
        {
            return Problems.NotFound($"There is no published resource {id} at this hub.");
        }

        if (resource.AccessPolicy != AccessPolicy.Approval)
        {
            return Problems.Conflict($"This resource's access policy is '{resource.AccessPolicy.ToWireName()}'; access requests are for 'approval' resources.");
        }

        var caller = CallerIdentity.From(http.User)!;
        if (await grants.FindLiveAsync(id, caller, clock.GetUtcNow(), cancellationToken) is not null)
        {
            return Problems.Conflict("You already have access to this resource.");
        }

        var request = new AccessRequest(
            Guid.CreateVersion7(), id, caller.HomeHub, caller.HomeSubject, caller.Name, caller.OrganisationId, caller.OrganisationName,
            caller.OrganisationType, purpose, TermsAccepted: true, "pending", clock.GetUtcNow(), null, null, null, null);
        if (!await decisions.AskAsync(request, actors.Of(http.User), cancellationToken))
        {
            return Problems.Conflict("You already have a pending request for this resource; wait for the hub's decision.");
        }

        return TypedResults.Created($"/me/access-requests/{request.Id}", request);
    }

    private static async Task<IResult> ApproveAsync(
        Guid requestId, ApprovalInput? input, HttpContext http, AccessRequestStore requests, AccessDecisions decisions,
        IGrainFactory grains, AuditLog audit, AuditActors actors, TimeProvider clock, CancellationToken cancellationToken)
    {
        var grantTo = input?.GrantTo ?? Grant.Person;
        if (grantTo is not (Grant.Person or Grant.Organisation or Grant.WholeHub))
        {
            return Problems.Invalid("grantTo", "Grant to 'person', 'organisation' or 'hub'.");
        }

        var now = clock.GetUtcNow();
        if (input?.ExpiresAt is not { } expiresAt || expiresAt <= now || expiresAt > now + LongestGrant)
        {
            return Problems.Invalid("expiresAt", "Every grant ends: give expiresAt, in the future and at most two years ahead.");
        }

        if (DecisionReason.IsTooLong(input.Reason))
        {
            return Problems.Invalid("reason", $"The reason may have at most {DecisionReason.MaxLength} characters.");
        }

        var request = await requests.FindAsync(requestId, cancellationToken);
        if (request is null)
        {
            return Problems.NotFound($"There is no access request {requestId} at this hub.");
        }

        if (await RefuseSelfDecisionAsync(request, http, audit, actors, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (grantTo == Grant.Organisation && request.OrganisationId is null)
        {
            return Problems.Invalid("grantTo", "The requester's home hub named no organisation, so the grant can only be to the person or the hub.");
        }

        var title = (await grains.GetGrain<IResourceGrain>(request.ResourceId).Get())?.Title ?? "";
        var (decided, grant) = await decisions.ApproveAsync(request, grantTo, expiresAt.ToUniversalTime(), DecisionReason.Optional(input.Reason), title, actors.Of(http.User), cancellationToken);
        return decided is null
            ? Problems.Conflict($"The request was already {request.State}.")
            : TypedResults.Ok(new ApprovedAccessRequest(decided, grant));
    }

    private static async Task<IResult> DenyAsync(
        Guid requestId, DenialInput? input, HttpContext http, AccessRequestStore requests, AccessDecisions decisions,
        IGrainFactory grains, AuditLog audit, AuditActors actors, CancellationToken cancellationToken)
    {
        var reason = DecisionReason.Required(input?.Reason);
        if (reason is null)
        {
            return Problems.Invalid("reason", "Give the requester a reason (1 to 1000 characters).");
        }

        var request = await requests.FindAsync(requestId, cancellationToken);
        if (request is null)
        {
            return Problems.NotFound($"There is no access request {requestId} at this hub.");
        }

        if (await RefuseSelfDecisionAsync(request, http, audit, actors, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var title = (await grains.GetGrain<IResourceGrain>(request.ResourceId).Get())?.Title ?? "";
        var decided = await decisions.DenyAsync(request, reason, title, actors.Of(http.User), cancellationToken);
        return decided is null ? Problems.Conflict($"The request was already {request.State}.") : TypedResults.Ok(decided);
    }

    // Nobody decides their own request, not even staff of the owning hub.
    private static async Task<IResult?> RefuseSelfDecisionAsync(AccessRequest request, HttpContext http, AuditLog audit, AuditActors actors, CancellationToken cancellationToken)
    {
        var caller = CallerIdentity.From(http.User)!;
        if (caller.HomeHub != request.RequesterHub || caller.HomeSubject != request.RequesterSubject)
        {
            return null;
        }

        await audit.AppendAsync(new AuditEntry("access.self-decision", "refused", actors.Of(http.User), request.ResourceId, request.Id.ToString(), 403), cancellationToken);
        return Problems.Forbidden("You cannot decide your own access request; another member of staff must.");
    }
}
