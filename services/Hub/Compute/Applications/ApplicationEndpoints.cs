using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Contracts.Hub;
using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Membership;
using Federation.Hub.Notifications;
using Federation.Hub.Resources.Metadata;
using Federation.Hub.Writes;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Compute.Applications;

/// <summary>
/// A member applies for compute through their home hub (here), against a call of a facility; the hub's staff endorse
/// the application (eligibility checked, advice added), which sends it to the facility, or send it back with a reason,
/// after which the member may change it and it is submitted again. Every step is audited here, and the member is told.
/// </summary>
public static class ApplicationEndpoints
{
    public const int MostAdvice = 2_000;

    public static IEndpointRouteBuilder MapComputeApplications(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/me/compute-applications").WithTags("Compute applications").RequireAuthorization(HubAuthorization.Member);
        mine.MapPost("/", ApplyAsync);
        mine.MapGet("/", async (HttpContext http, ApplicationStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok(await store.OfMemberAsync(CallerIdentity.From(http.User)!.Subject, cancellationToken)));
        mine.MapGet("/{id:guid}", async (Guid id, HttpContext http, ApplicationStore store, CancellationToken cancellationToken) =>
            await store.FindAsync(id, cancellationToken) is { } application && application.ApplicantSubject == CallerIdentity.From(http.User)!.Subject
                ? (IResult)TypedResults.Ok(application)
                : Problems.NotFound($"You have no application {id}."));
        mine.MapPut("/{id:guid}", ChangeAsync);
        app.MapGet("/me/compute-allocations", async (HttpContext http, ApplicationStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok((await store.OfMemberAsync(CallerIdentity.From(http.User)!.Subject, cancellationToken))
                .Where(application => application.Allocation is not null).Select(MemberAllocation.Of).ToList()))
            .WithTags("Compute applications").RequireAuthorization(HubAuthorization.Member);

        var staff = app.MapGroup("/compute-applications").WithTags("Compute applications").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/", async (string? state, ApplicationStore store, CancellationToken cancellationToken) =>
            state is not (null or ComputeApplication.Submitted or ComputeApplication.Returned or ComputeApplication.Endorsed or ComputeApplication.Awarded or ComputeApplication.Rejected)
                ? Problems.Invalid("state", "Use submitted, returned, endorsed, awarded or rejected.")
                : (IResult)TypedResults.Ok(await store.InStateAsync(state, cancellationToken)));
        staff.MapGet("/{id:guid}", async (Guid id, ApplicationStore store, CancellationToken cancellationToken) =>
            await store.FindAsync(id, cancellationToken) is { } application ? (IResult)TypedResults.Ok(application) : Problems.NotFound($"There is no application {id} here."));
        staff.MapPost("/{id:guid}/endorse", EndorseAsync);
        staff.MapPost("/{id:guid}/return", ReturnAsync);
        return app;
    }

    private static async Task<IResult> ApplyAsync(
        ApplicationInput? input, HttpContext http, Facilities facilities, CatalogueLookup catalogue, HubWrites writes, AuditActors actors,
        IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        var checkedApplication = await CheckAsync(input, Guid.CreateVersion7(), http, facilities, catalogue, hub.Value.Id, clock, cancellationToken);
        if (checkedApplication.Problem is { } problem)
        {
            return problem;
        }

        var application = checkedApplication.Application!;
        await using var work = await writes.BeginAsync(cancellationToken);
        if (!await ApplicationStore.TryInsertAsync(application, work, cancellationToken))
        {
            return Problems.Conflict("You already applied to this call; change that application instead.");
        }

        await work.AuditAsync(Audited("compute-application.submitted", actors.Of(http.User), application), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Created($"/me/compute-applications/{application.Id}", application);
    }

    // A returned application, changed by its member, is submitted again.
    private static async Task<IResult> ChangeAsync(
        Guid id, ApplicationInput? input, HttpContext http, ApplicationStore store, Facilities facilities, CatalogueLookup catalogue, HubWrites writes,
        AuditActors actors, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } current || current.ApplicantSubject != CallerIdentity.From(http.User)!.Subject)
        {
            return Problems.NotFound($"You have no application {id}.");
        }

        if (current.State != ComputeApplication.Returned)
        {
            return Problems.Conflict($"Only an application your hub sent back can be changed; this one is {current.State}.");
        }

        if (input is null)
        {
            return Problems.Invalid("body", "Send the changed application as JSON.");
        }

        if (input.CallId is { } callId && callId != current.CallId || input.FacilityId is { } facilityId && facilityId != current.FacilityId)
        {
            return Problems.Invalid("callId", "An application stays with its call; apply to another call anew.");
        }

        var checkedApplication = await CheckAsync(input with { CallId = current.CallId, FacilityId = current.FacilityId }, id, http, facilities, catalogue,
            hub.Value.Id, clock, cancellationToken);
        if (checkedApplication.Problem is { } problem)
        {
            return problem;
        }

        var resubmitted = checkedApplication.Application! with { SubmittedAt = current.SubmittedAt, ReturnReason = current.ReturnReason };
        await using var work = await writes.BeginAsync(cancellationToken);
        if (!await ApplicationStore.ReplaceAsync(resubmitted, ComputeApplication.Returned, work, cancellationToken))
        {
            return Problems.Conflict("The application changed meanwhile; read it again.");
        }

        await work.AuditAsync(Audited("compute-application.resubmitted", actors.Of(http.User), resubmitted), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(resubmitted);
    }

    private static async Task<IResult> EndorseAsync(
        Guid id, EndorsementInput? input, HttpContext http, HubWrites writes, AuditActors actors, IOptions<HubOptions> hub, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (input?.EligibilityChecked != true)
        {
            return Problems.Invalid("eligibilityChecked", "Endorse only after checking that the organisation is what the application says: set 'eligibilityChecked' to true.");
        }

        var advice = input.Advice?.Trim();
        if (advice is { Length: > MostAdvice } || advice?.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) == true)
        {
            return Problems.Invalid("advice", $"Advice has at most {MostAdvice} characters and no control characters.");
        }

        var now = clock.GetUtcNow();
        var actor = actors.Of(http.User);
        await using var work = await writes.BeginAsync(cancellationToken);
        if (await ApplicationStore.LockAsync(id, work, cancellationToken) is not { } current)
        {
            return Problems.NotFound($"There is no application {id} here.");
        }

        if (current.State != ComputeApplication.Submitted)
        {
            return Problems.Conflict($"Only a submitted application can be endorsed; this one is {current.State}.");
        }

        if (current.ApplicantSubject == CallerIdentity.From(http.User)!.Subject)
        {
            return Problems.Forbidden("You cannot endorse your own application; another member of staff must.");
        }

        var endorsed = current with { State = ComputeApplication.Endorsed, Advice = string.IsNullOrEmpty(advice) ? null : advice, EndorsedAt = now, UpdatedAt = now };
        await ApplicationStore.ReplaceAsync(endorsed, ComputeApplication.Submitted, work, cancellationToken);
        // The facility learns who applies by name, never by their id here: a pseudonym of its own stands in for it.
        await work.SendAsync(new ComputeApplicationEndorsed(Guid.CreateVersion7(), hub.Value.Id, endorsed.FacilityId,
            endorsed with { ApplicantSubject = ApplicantPseudonym.For(hub.Value.Id, endorsed.FacilityId, endorsed.ApplicantSubject) }, now), cancellationToken);
        await work.AuditAsync(Audited("compute-application.endorsed", actor, endorsed, ("advice", endorsed.Advice)), cancellationToken);
        await MemberNotifications.AddAsync(Guid.CreateVersion7(), endorsed.ApplicantSubject, hub.Value.Id, "compute-application", "endorsed", endorsed.CallId,
            endorsed.CallTitle, endorsed.Advice, null, now, now, work, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(endorsed);
    }

    private static async Task<IResult> ReturnAsync(
        Guid id, DecisionInput? input, HttpContext http, HubWrites writes, AuditActors actors, IOptions<HubOptions> hub, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (DecisionReason.Required(input?.Reason) is not { } reason)
        {
            return Problems.Invalid("reason", $"Say what the member should change (1 to {DecisionReason.MaxLength} characters).");
        }

        var now = clock.GetUtcNow();
        await using var work = await writes.BeginAsync(cancellationToken);
        if (await ApplicationStore.LockAsync(id, work, cancellationToken) is not { } current)
        {
            return Problems.NotFound($"There is no application {id} here.");
        }

        if (current.State != ComputeApplication.Submitted)
        {
            return Problems.Conflict($"Only a submitted application can be sent back; this one is {current.State}.");
        }

        var returned = current with { State = ComputeApplication.Returned, ReturnReason = reason, UpdatedAt = now };
        await ApplicationStore.ReplaceAsync(returned, ComputeApplication.Submitted, work, cancellationToken);
        await work.AuditAsync(Audited("compute-application.returned", actors.Of(http.User), returned, ("reason", reason)), cancellationToken);
        await MemberNotifications.AddAsync(Guid.CreateVersion7(), returned.ApplicantSubject, hub.Value.Id, "compute-application", "returned", returned.CallId,
            returned.CallTitle, reason, null, now, now, work, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return TypedResults.Ok(returned);
    }

    // Checked against the call as its facility publishes it, and the resources against the catalogue.
    private static async Task<(ComputeApplication? Application, IResult? Problem)> CheckAsync(
        ApplicationInput? input, Guid id, HttpContext http, Facilities facilities, CatalogueLookup catalogue, string hubId, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return (null, Problems.Invalid("body", "Send the application as JSON."));
        }

        if (input.FacilityId is not { Length: > 0 } facilityId || facilities.ApiOf(facilityId) is not { } facilityApi)
        {
            return (null, Problems.Invalid("facilityId", "Name a compute facility of the federation (its member id, e.g. ai-factory-groningen)."));
        }

        if (input.CallId is not { } callId)
        {
            return (null, Problems.Invalid("callId", "Name the call you apply to."));
        }

        ComputeCall? call;
        try
        {
            call = await facilities.CallAsync(facilityApi, callId, cancellationToken);
        }
        catch (Exception exception) when (Unreachable.Is(exception, cancellationToken))
        {
            return (null, Unreachable.Problem("The facility"));
        }

        if (call is null || call.FacilityId != facilityId)
        {
            return (null, Problems.Invalid("callId", $"{facilityId} has no call {callId}."));
        }

        var errors = new FieldErrors();
        var application = ApplicationValidator.Validate(input, call, CallerIdentity.From(http.User)!, hubId, id, clock.GetUtcNow(), errors);
        if (application is null)
        {
            return (null, TypedResults.ValidationProblem(errors.ByField));
        }

        try
        {
            await ResourceLinks.CheckAsync(application.Resources, catalogue, errors, cancellationToken);
        }
        catch (Exception exception) when (Unreachable.Is(exception, cancellationToken))
        {
            return (null, Unreachable.Problem("The catalogue"));
        }

        return errors.Any ? (null, TypedResults.ValidationProblem(errors.ByField)) : (application, null);
    }

    private static AuditEntry Audited(string action, AuditActor actor, ComputeApplication application, params (string Key, string? Value)[] more) =>
        new(action, "done", actor, application.CallId, application.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["facility"] = application.FacilityId,
            ["requestedHours"] = application.RequestedHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["organisationType"] = application.OrganisationType,
        }.Concat(more.Select(m => KeyValuePair.Create(m.Key, m.Value))).ToDictionary());
}
