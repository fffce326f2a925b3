using Federation.Contracts.Harvest;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Identity.Store;
using Federation.Hub.Resources;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Authorization;

namespace Federation.Hub.Harvest;

/// <summary>
/// Staff register the catalogues their hub mirrors and follow the runs: sources (list, register, change), runs
/// (start one by hand — also as a dry run —, follow its progress, read its report, confirm the withdrawals a held run
/// stopped before); and everyone who may see a resource sees where it was harvested from.
/// </summary>
public static class HarvestEndpoints
{
    public static IEndpointRouteBuilder MapHarvest(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/harvest").WithTags("Harvest").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/sources", ListSourcesAsync);
        staff.MapPost("/sources", RegisterAsync);
        staff.MapGet("/sources/{id:guid}", GetSourceAsync);
        staff.MapPut("/sources/{id:guid}", ChangeAsync);
        staff.MapPost("/sources/{id:guid}/runs", StartAsync);
        staff.MapGet("/sources/{id:guid}/runs", ListRunsAsync);
        staff.MapGet("/runs/{id:guid}", GetRunAsync);
        staff.MapPost("/runs/{id:guid}/confirm", ConfirmAsync);
        app.MapGet("/resources/{id:guid}/provenance", ProvenanceAsync).WithTags("Resources");
        app.MapPost("/resources/{id:guid}/provenance/resume", ResumeAsync).WithTags("Resources").RequireAuthorization(HubAuthorization.Staff);
        return app;
    }

    private static async Task<IResult> ListSourcesAsync(HarvestSourceStore sources, HarvestRunStore runs, CancellationToken cancellationToken)
    {
        var list = new List<HarvestSource>();
        foreach (var source in await sources.ListAsync(cancellationToken))
        {
            list.Add(source.ToContract((await runs.ListAsync(source.Id, 1, cancellationToken)).FirstOrDefault()?.ToContract()));
        }

        return Results.Ok(list);
    }

    private static async Task<IResult> GetSourceAsync(Guid id, HarvestSourceStore sources, HarvestRunStore runs, CancellationToken cancellationToken) =>
        await sources.FindAsync(id, cancellationToken) is { } source
            ? Results.Ok(source.ToContract((await runs.ListAsync(id, 1, cancellationToken)).FirstOrDefault()?.ToContract()))
            : NoSource(id);

    private static async Task<IResult> RegisterAsync(
        HarvestSourceInput? input, HttpContext http, IdentityDbContext identity, HarvestSourceStore sources, AuditActors actors, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (source, errors) = await HarvestSourceValidator.ValidateAsync(input, identity, cancellationToken);
        if (source is null)
        {
            return Results.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        source.Id = Guid.CreateVersion7();
        source.CreatedAt = now;
        source.NextRunAt = source.Enabled && source.Interval is not null ? now : null; // a scheduled source runs first at once
        var actor = actors.Of(http.User);
        if (!await sources.InsertAsync(source, actor.Describe(), actor, cancellationToken))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [$"A source at {source.Url} is registered already."] },
                statusCode: StatusCodes.Status409Conflict);
        }

        return Results.Created($"/harvest/sources/{source.Id}", (await sources.FindAsync(source.Id, cancellationToken))!.ToContract(null));
    }

    private static async Task<IResult> ChangeAsync(
        Guid id, HarvestSourceInput? input, HttpContext http, IdentityDbContext identity, HarvestSourceStore sources, AuditActors actors,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ResourceEndpoints.TryReadIfMatch(http, out var version))
        {
            return ResourceEndpoints.IfMatchProblem();
        }

        if (await sources.FindAsync(id, cancellationToken) is not { } current)
        {
            return NoSource(id);
        }

        var (source, errors) = await HarvestSourceValidator.ValidateAsync(input, identity, cancellationToken);
        if (source is null)
        {
            return Results.ValidationProblem(errors);
        }

        source.Id = id;
        source.NextRunAt = !source.Enabled || source.Interval is not { } interval ? null
            : current.NextRunAt is { } planned && current.Schedule == source.Schedule ? planned
            : clock.GetUtcNow() + interval;
        return await sources.UpdateAsync(source, version ?? current.Version, actors.Of(http.User), cancellationToken) switch
        {
            true => Results.Ok((await sources.FindAsync(id, cancellationToken))!.ToContract(null)),
            false => Results.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [$"A source at {source.Url} is registered already."] },
                statusCode: StatusCodes.Status409Conflict),
            null => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile",
                detail: $"The source is at version {(await sources.FindAsync(id, cancellationToken))?.Version}, not {version ?? current.Version}: read it again and repeat the change."),
        };
    }

    private static async Task<IResult> StartAsync(
        Guid id, bool? dryRun, HttpContext http, HarvestSourceStore sources, HarvestRunStore runs, HarvestSignal signal, AuditActors actors, HubWrites writes,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await sources.FindAsync(id, cancellationToken) is not { } source)
        {
            return NoSource(id);
        }

        var run = await runs.QueueAsync(source.Id, dryRun == true, actors.Of(http.User).Describe(), attempt: 1, clock.GetUtcNow(), cancellationToken);
        if (run is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A run is on its way",
                detail: $"The source {source.Name} has a run queued or running; follow it at /harvest/sources/{id}/runs.");
        }

        await AuditAsync(writes, "harvest.run-started", actors.Of(http.User), source, run.Id, cancellationToken);
        signal.Notify();
        return Results.Accepted($"/harvest/runs/{run.Id}", run.ToContract());
    }

    private static async Task<IResult> ListRunsAsync(Guid id, int? limit, HarvestSourceStore sources, HarvestRunStore runs, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 200)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["'limit' is 1 to 200."] });
        }

        return await sources.FindAsync(id, cancellationToken) is null
            ? NoSource(id)
            : Results.Ok((await runs.ListAsync(id, limit ?? 20, cancellationToken)).Select(r => r.ToContract()).ToList());
    }

    private static async Task<IResult> GetRunAsync(Guid id, HarvestRunStore runs, CancellationToken cancellationToken) =>
        await runs.FindAsync(id, cancellationToken) is { } run ? Results.Ok(run.ToContract()) : NoRun(id);

    private static async Task<IResult> ConfirmAsync(
        Guid id, HttpContext http, HarvestRunStore runs, HarvestSourceStore sources, HarvestRecordStore records, Harvester harvester, SourceTurns turns,
        AuditActors actors, HubWrites writes, CancellationToken cancellationToken)
    {
        if (await runs.FindAsync(id, cancellationToken) is not { } run)
        {
            return NoRun(id);
        }

        // In the source's turn: no run works from the records while they change here.
        await using var turn = await turns.TryTakeAsync(run.SourceId, cancellationToken);
        if (turn is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A run is on its way",
                detail: "The source is being harvested right now; confirm when that run has ended, if it still holds anything.");
        }

        if (!await runs.ConfirmAsync(id, cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to confirm",
                detail: run.State == "held"
                    ? "A later run of the source has started since; confirm what it holds, if anything."
                    : $"The run is {run.State}; only a held run waits for staff to confirm its withdrawals.");
        }

        var source = (await sources.FindAsync(run.SourceId, cancellationToken))!;
        var known = await records.ForSourceAsync(source.Id, cancellationToken);
        var gone = run.Withheld.Select(identifier => known.GetValueOrDefault(identifier)).OfType<RecordRow>().Where(r => !r.GoneFromSource).ToList();
        var actor = actors.Of(http.User);
        run.State = "confirmed";
        // Once confirmed, the withdrawals are made whatever becomes of this request: a confirmation cannot be given twice.
        await harvester.WithdrawAsync(run, source, gone, actor);
        await runs.ConfirmedAsync(run, CancellationToken.None);
        await AuditAsync(writes, "harvest.withdrawals-confirmed", actor, source, run.Id, CancellationToken.None);
        return Results.Ok((await runs.FindAsync(id, CancellationToken.None))!.ToContract());
    }

    private static async Task<IResult> ProvenanceAsync(
        Guid id, HttpContext http, IGrainFactory grains, HarvestRecordStore records, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var resource = await grains.GetGrain<IResourceGrain>(id).Get();
        var visible = ResourceVisibility.IsVisible(resource, await ResourceVisibility.IsStaffAsync(http, authorization));
        var provenance = visible ? await records.ProvenanceAsync(id, resource!.Version, cancellationToken) : null;
        return provenance is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No harvested resource {id} is known here.")
            : Results.Ok(provenance);
    }

    private static async Task<IResult> ResumeAsync(
        Guid id, HttpContext http, IGrainFactory grains, HarvestRecordStore records, AuditActors actors, HubWrites writes, CancellationToken cancellationToken)
    {
        var resource = await grains.GetGrain<IResourceGrain>(id).Get();
        if (resource is null || resource.State == Contracts.ResourceState.Withdrawn || !await records.ResumeAsync(id, resource.Version, cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No harvested resource {id} that is not withdrawn is known here.");
        }

        await using (var work = await writes.BeginAsync(cancellationToken))
        {
            await work.AuditAsync(new AuditEntry("harvest.resumed", "done", actors.Of(http.User), id), cancellationToken);
            await work.CommitAsync(cancellationToken);
        }

        return Results.Ok(await records.ProvenanceAsync(id, resource.Version, cancellationToken));
    }

    private static async Task AuditAsync(HubWrites writes, string action, AuditActor actor, SourceRow source, Guid runId, CancellationToken cancellationToken)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        await work.AuditAsync(new AuditEntry(action, "done", actor, Target: source.Url,
            Details: new Dictionary<string, string?> { ["source"] = source.Id.ToString(), ["run"] = runId.ToString() }), cancellationToken);
        await work.CommitAsync(cancellationToken);
    }

    private static IResult NoSource(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No harvest source {id} is registered here.");

    private static IResult NoRun(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No harvest run {id} is known here.");
}
