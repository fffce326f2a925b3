using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Contracts.Hub;
using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.Compute.Accounting;
using Federation.Hub.Compute.Calls;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Resources;
using Federation.Hub.Writes;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Compute.Decisions;

/// <summary>
/// A facility's staff read the applications hubs sent, score them (no one of the applicant's own organisation may
/// score or decide), and decide: award an allocation out of the call's capacity, after as many reviews as
/// the call asks for, or reject with a reason. Reviewers (<see cref="HubRoles.Reviewer"/>) read and score; only staff decide. The decision goes to the applicant's home hub; each step is audited here.
/// </summary>
public static class DecisionEndpoints
{
    public const int MostComment = 5_000;

    public static IEndpointRouteBuilder MapComputeDecisions(this IEndpointRouteBuilder app)
    {
        var panel = app.MapGroup("/applications").WithTags("Compute decisions").RequireAuthorization(HubAuthorization.Reviewer);
        panel.MapGet("/", async (Guid? callId, string? state, ReceivedStore store, CancellationToken cancellationToken) =>
            state is not (null or ReceivedApplication.Received or ComputeApplication.Awarded or ComputeApplication.Rejected)
                ? Problems.Invalid("state", "Use received, awarded or rejected.")
                : (IResult)TypedResults.Ok(await store.ListAsync(callId, state, cancellationToken)));
        panel.MapGet("/{id:guid}", async (Guid id, ReceivedStore store, CancellationToken cancellationToken) =>
            await store.FindAsync(id, cancellationToken) is { } received ? (IResult)TypedResults.Ok(received) : Problems.NotFound($"This facility has no application {id}."));
        panel.MapPost("/{id:guid}/reviews", ReviewAsync);
        panel.MapPost("/{id:guid}/award", AwardAsync).RequireAuthorization(HubAuthorization.Staff);
        panel.MapPost("/{id:guid}/reject", RejectAsync).RequireAuthorization(HubAuthorization.Staff);
        return app;
    }

    private static async Task<IResult> ReviewAsync(
        Guid id, ReviewInput? input, HttpContext http, ReceivedStore store, HubWrites writes, AuditActors actors, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (input?.Score is not (>= 1 and <= 5))
        {
            return Problems.Invalid("score", "Score the application from 1 (poor) to 5 (excellent).");
        }

        var comment = input.Comment?.Trim() ?? "";
        if (comment.Length is < 10 or > MostComment || comment.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return Problems.Invalid("comment", $"Explain the score in 10 to {MostComment} characters.");
        }

        var reviewer = CallerIdentity.From(http.User)!;
        await using var work = await writes.BeginAsync(cancellationToken);
        if (await ReceivedStore.LockAsync(id, work, cancellationToken) is not { } received)
        {
            return Problems.NotFound($"This facility has no application {id}.");
        }

        if (await ConflictAsync(reviewer, received.Application, "review", actors.Of(http.User), work, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        if (received.State != ReceivedApplication.Received)
        {
            return Problems.Conflict($"The application is {received.State} already; it takes no more reviews.");
        }

        if (!await ReceivedStore.TryReviewAsync(id, reviewer.Subject, reviewer.Name, input.Score.Value, comment, clock.GetUtcNow(), work, cancellationToken))
        {
            return Problems.Conflict("You reviewed this application already.");
        }

        await work.AuditAsync(new AuditEntry("compute-application.reviewed", "done", actors.Of(http.User), received.Application.CallId, id.ToString(),
            Details: new Dictionary<string, string?> { ["score"] = input.Score.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(await store.FindAsync(id, cancellationToken));
    }

    private static async Task<IResult> AwardAsync(
        Guid id, AwardInput? input, HttpContext http, ReceivedStore store, IGrainFactory grains, HubWrites writes, AuditActors actors, IOptions<HubOptions> hub,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var work = await writes.BeginAsync(cancellationToken);
        if (await ReceivedStore.LockAsync(id, work, cancellationToken) is not { } received)
        {
            return Problems.NotFound($"This facility has no application {id}.");
        }

        var application = received.Application;
        if (received.State != ReceivedApplication.Received)
        {
            return Problems.Conflict($"The application is {received.State} already.");
        }

        if (await ConflictAsync(CallerIdentity.From(http.User)!, application, "award", actors.Of(http.User), work, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var call = (await CallStore.LockAsync(application.CallId, hub.Value.Id, work, cancellationToken))!;
        if (received.Reviews.Count < call.RequiredReviews)
        {
            return Problems.Conflict($"The call asks for {call.RequiredReviews} reviews before a decision; this application has {received.Reviews.Count}.");
        }

        var offer = await grains.GetGrain<IResourceGrain>(call.OfferId).Get();
        if (offer is not { State: ResourceState.Published, Compute: not null })
        {
            return Problems.Conflict("The call's compute offer is no longer published; nothing can be awarded on it.");
        }

        if (AwardProblem(input, application, call, offer) is { } problem)
        {
            return Problems.Invalid(problem.Field, problem.Message);
        }

        var allocationId = Guid.CreateVersion7();
        var grant = new ComputeAllocationGrant(allocationId, input!.Hours!.Value, input.Partition!.Trim(), input.Start!.Value, input.End!.Value,
            AllocationStore.AccountFor(allocationId));
        var actor = actors.Of(http.User);
        await AllocationStore.InsertAsync(grant, application, call.AccessMode, offer.Compute.Energy.WasteHeatReused, now, work, cancellationToken);
        await Ledger.AddAsync(now, Ledger.Of(application, call.AccessMode),
            [(Ledger.Awarded, grant.Hours), (Ledger.Decisions, 1), (Ledger.DecisionDays, Ledger.DaysBetween(received.ReceivedAt, now))], work, cancellationToken);
        await CallStore.AddAwardedAsync(call.Id, grant.Hours, work, cancellationToken);
        await ReceivedStore.DecideAsync(id, ComputeApplication.Awarded, actor.Describe(), null, grant.AllocationId, now, work, cancellationToken);
        await work.SendAsync(new ComputeApplicationDecided(Guid.CreateVersion7(), hub.Value.Id, application.HubId, id, ComputeApplication.Awarded, null, grant, now),
            cancellationToken);
        await work.AuditAsync(new AuditEntry("compute-application.awarded", "done", actor, call.Id, id.ToString(), Details: new Dictionary<string, string?>
        {
            ["allocation"] = grant.AllocationId.ToString(), ["hours"] = grant.Hours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["partition"] = grant.Partition, ["account"] = grant.Account, ["start"] = grant.Start.ToString("O"), ["end"] = grant.End.ToString("O"), ["hub"] = application.HubId,
        }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(await store.FindAsync(id, cancellationToken));
    }

    private static async Task<IResult> RejectAsync(
        Guid id, DecisionInput? input, HttpContext http, ReceivedStore store, HubWrites writes, AuditActors actors, IOptions<HubOptions> hub, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (DecisionReason.Required(input?.Reason) is not { } reason)
        {
            return Problems.Invalid("reason", $"Give the applicant the reason (1 to {DecisionReason.MaxLength} characters).");
        }

        var now = clock.GetUtcNow();
        var actor = actors.Of(http.User);
        await using var work = await writes.BeginAsync(cancellationToken);
        if (await ReceivedStore.LockAsync(id, work, cancellationToken) is not { } received)
        {
            return Problems.NotFound($"This facility has no application {id}.");
        }

        if (await ConflictAsync(CallerIdentity.From(http.User)!, received.Application, "rejection", actor, work, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        if (!await ReceivedStore.DecideAsync(id, ComputeApplication.Rejected, actor.Describe(), reason, null, now, work, cancellationToken))
        {
            return Problems.Conflict($"The application is {received.State} already.");
        }

        var call = (await CallStore.LockAsync(received.Application.CallId, hub.Value.Id, work, cancellationToken))!;
        await Ledger.AddAsync(now, Ledger.Of(received.Application, call.AccessMode),
            [(Ledger.Decisions, 1), (Ledger.DecisionDays, Ledger.DaysBetween(received.ReceivedAt, now))], work, cancellationToken);

        await work.SendAsync(new ComputeApplicationDecided(Guid.CreateVersion7(), hub.Value.Id, received.Application.HubId, id, ComputeApplication.Rejected, reason,
            null, now), cancellationToken);
        await work.AuditAsync(new AuditEntry("compute-application.rejected", "done", actor, received.Application.CallId, id.ToString(),
            Details: new Dictionary<string, string?> { ["reason"] = reason, ["hub"] = received.Application.HubId }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(await store.FindAsync(id, cancellationToken));
    }

    // No one of the applicant's own organisation judges the application: not by a score, nor by a decision. The
    // refusal is audited (the attempt is a fact worth keeping) and committed; nothing else changes.
    private static async Task<IResult?> ConflictAsync(
        CallerIdentity judge, ComputeApplication application, string step, AuditActor actor, HubUnitOfWork work, CancellationToken cancellationToken)
    {
        if (application.OrganisationName is not { Length: > 0 } organisation || judge.OrganisationName is not { Length: > 0 } own
            || OrganisationNames.Key(organisation) != OrganisationNames.Key(own))
        {
            return null;
        }

        var conflict = $"You belong to {own}, the applicant's organisation; someone else must make this {step}.";
        await work.AuditAsync(new AuditEntry($"compute-application.{step}", "refused", actor, application.CallId, application.Id.ToString(),
            Status: StatusCodes.Status403Forbidden, Details: new Dictionary<string, string?> { ["reason"] = conflict }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Conflict of interest", detail: conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["reviewer"] = [conflict] } });
    }

    private static (string Field, string Message)? AwardProblem(AwardInput? input, ComputeApplication application, ComputeCall call, ResourceSnapshot offer)
    {
        if (input?.Hours is not { } hours || hours < 1 || hours > application.RequestedHours)
        {
            return ("hours", $"Award 1 to {application.RequestedHours} accelerator-hours: no more than were asked for.");
        }

        if (hours > call.RemainingHours)
        {
            return ("hours", $"The call has {call.RemainingHours} of its {call.CapacityHours} accelerator-hours left; {hours} is over its capacity.");
        }

        if (hours > call.MaxAllocationHours)
        {
            return ("hours", $"One allocation of this call has at most {call.MaxAllocationHours} accelerator-hours.");
        }

        var partitions = offer.Compute!.Partitions.Select(p => p.Name).ToList();
        if (input.Partition?.Trim() is not { } partition || !partitions.Contains(partition, StringComparer.Ordinal))
        {
            return ("partition", $"Name a partition of the call's offer: {string.Join(", ", partitions)}.");
        }

        if (input.Start is not { } start || input.End is not { } end || end < start)
        {
            return ("end", "Give the allocation's 'start' on or before its 'end' (its last day).");
        }

        return start < call.AllocationStart || end > call.AllocationEnd
            ? ("start", $"The call's allocations run from {call.AllocationStart:yyyy-MM-dd} to {call.AllocationEnd:yyyy-MM-dd}.")
            : null;
    }
}
