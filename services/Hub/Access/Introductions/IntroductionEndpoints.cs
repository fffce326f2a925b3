using Federation.Contracts.Hub;
using Federation.Contracts;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources;

namespace Federation.Hub.Access.Introductions;

/// <summary>
/// A signed-in member of any hub asks for an introduction to an expertise offer; the offering hub's staff accept
/// (which releases the offer's contact details to that member, at home and here) or decline.
/// </summary>
public static class IntroductionEndpoints
{
    public static IEndpointRouteBuilder MapIntroductions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/resources/{id:guid}/introductions", AskAsync).WithTags("Introductions").RequireAuthorization(HubAuthorization.SignedIn);
        app.MapGet("/me/introductions", MineAsync).WithTags("Introductions").RequireAuthorization(HubAuthorization.SignedIn);

        var staff = app.MapGroup("/introductions").WithTags("Introductions").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/", async (string? state, IntroductionStore introductions, CancellationToken cancellationToken) =>
            state is not (null or "pending" or "accepted" or "declined")
                ? Problems.Invalid("state", "Use pending, accepted or declined.")
                : (IResult)TypedResults.Ok(await introductions.ListAsync(state, null, cancellationToken)));
        staff.MapPost("/{introductionId:guid}/accept", (Guid introductionId, DecisionInput? input, HttpContext http, IntroductionStore introductions,
            IntroductionDecisions decisions, IGrainFactory grains, AuditActors actors, CancellationToken cancellationToken) =>
            DecisionReason.IsTooLong(input?.Reason)
                ? Task.FromResult<IResult>(Problems.Invalid("reason", $"The reason may have at most {DecisionReason.MaxLength} characters."))
                : DecideAsync(introductionId, "accepted", DecisionReason.Optional(input?.Reason), http, introductions, decisions, grains, actors, cancellationToken));
        staff.MapPost("/{introductionId:guid}/decline", (Guid introductionId, DecisionInput? input, HttpContext http, IntroductionStore introductions,
            IntroductionDecisions decisions, IGrainFactory grains, AuditActors actors, CancellationToken cancellationToken) =>
            DecisionReason.Required(input?.Reason) is not { } reason
                ? Task.FromResult<IResult>(Problems.Invalid("reason", "Give a reason (1 to 1000 characters)."))
                : DecideAsync(introductionId, "declined", reason, http, introductions, decisions, grains, actors, cancellationToken));
        return app;
    }

    private static async Task<IResult> AskAsync(
        Guid id, IntroductionInput? input, HttpContext http, IGrainFactory grains, IntroductionDecisions decisions, AuditActors actors,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var message = input?.Message?.Trim() ?? "";
        if (message.Length is < 10 or > 2000)
        {
            return Problems.Invalid("message", "Introduce yourself and your question in 10 to 2000 characters.");
        }

        var offer = await grains.GetGrain<IResourceGrain>(id).Get();
        if (offer is not { Kind: ResourceKind.Expertise, State: ResourceState.Published })
        {
            return Problems.NotFound($"There is no published expertise offer {id} at this hub.");
        }

        var caller = CallerIdentity.From(http.User)!;
        var introduction = new Introduction(Guid.CreateVersion7(), id, caller.HomeHub, caller.HomeSubject, caller.Name, caller.OrganisationName,
            message, "pending", clock.GetUtcNow(), null, null, null);
        return await decisions.AskAsync(introduction, actors.Of(http.User), cancellationToken)
            ? TypedResults.Created($"/me/introductions/{introduction.Id}", introduction)
            : Problems.Conflict("You already asked for an introduction to this offer; wait for the hub's answer.");
    }

    // The requester sees their own requests here, with the contact details once accepted.
    private static async Task<IResult> MineAsync(HttpContext http, IntroductionStore introductions, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = CallerIdentity.From(http.User)!;
        var mine = new List<Introduction>();
        foreach (var introduction in await introductions.ListAsync(null, (caller.HomeHub, caller.HomeSubject), cancellationToken))
        {
            var contact = introduction.State == "accepted" ? (await grains.GetGrain<IResourceGrain>(introduction.OfferId).Get())?.ContactPoint : null;
            mine.Add(introduction with { Contact = contact });
        }

        return TypedResults.Ok(mine);
    }

    private static async Task<IResult> DecideAsync(
        Guid introductionId, string decision, string? reason, HttpContext http, IntroductionStore introductions, IntroductionDecisions decisions,
        IGrainFactory grains, AuditActors actors, CancellationToken cancellationToken)
    {
        var introduction = await introductions.FindAsync(introductionId, cancellationToken);
        if (introduction is null)
        {
            return Problems.NotFound($"There is no introduction request {introductionId} at this hub.");
        }

        var caller = CallerIdentity.From(http.User)!;
        if (introduction.RequesterHub == caller.HomeHub && introduction.RequesterSubject == caller.HomeSubject)
        {
            return Problems.Forbidden("You cannot answer your own request for an introduction.");
        }

        var offer = await grains.GetGrain<IResourceGrain>(introduction.OfferId).Get();
        var decided = await decisions.DecideAsync(introduction, decision, reason, offer, actors.Of(http.User), cancellationToken);
        return decided is null ? Problems.Conflict($"The request was already {introduction.State}.") : TypedResults.Ok(decided);
    }
}
