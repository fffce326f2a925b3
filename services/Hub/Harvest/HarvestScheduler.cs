using Microsoft.Extensions.Options;

namespace Federation.Hub.Harvest;

/// <summary>
/// Runs the harvests: queues sources when their schedule says, takes queued runs (one silo each, through the
/// database) and executes them one at a time in the source's turn, and plans the next run: after the schedule's
/// interval when a run succeeded, after a backoff that doubles with each failure in a row when it failed (a source run
/// by hand only is retried at most <see cref="ManualRetries"/> times). A running run writes a heartbeat on a timer; one
/// whose heartbeat stops was lost with its silo, and is failed and so retried. Dry runs change neither the schedule
/// nor the count of failures. Whatever a run throws ends it as failed, with the reason in its report.
/// </summary>
public sealed partial class HarvestScheduler(
    HarvestSourceStore sources,
    HarvestRunStore runs,
    Harvester harvester,
    SourceTurns turns,
    HarvestSignal signal,
    TimeProvider clock,
    IOptions<HarvestOptions> options,
    ILogger<HarvestScheduler> logger) : BackgroundService
{
    /// <summary>How many times in a row a failed run of a source run by hand is tried again on its own.</summary>
    public const int ManualRetries = 5;

    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(20);

    // Silent for this long, a running run was lost with its silo: many heartbeats, and longer than any one page may take.
    private TimeSpan Abandoned => TimeSpan.FromMinutes(5) + options.Value.PageTimeout;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TurnAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database restarting or unreachable: try again at the next turn, nothing is lost (runs are rows).
                LogTurnFailed(logger, exception);
            }

            await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    private async Task TurnAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var lost in await runs.FailAbandonedAsync(now - Abandoned, now, cancellationToken))
        {
            await PlanNextAsync(lost, cancellationToken);
        }

        foreach (var due in await sources.DueAsync(now, cancellationToken))
        {
            var source = await sources.FindAsync(due, cancellationToken);
            if (source is not null)
            {
                await runs.QueueAsync(source.Id, dryRun: false, "schedule", attempt: source.ConsecutiveFailures + 1, now, cancellationToken);
            }
        }

        while (await runs.ClaimNextAsync(clock.GetUtcNow(), cancellationToken) is { } run)
        {
            if (await sources.FindAsync(run.SourceId, cancellationToken) is { } source)
            {
                await ExecuteAsync(run, source, cancellationToken);
            }
        }
    }

    private async Task ExecuteAsync(RunRow run, SourceRow source, CancellationToken cancellationToken)
    {
        LogStarted(logger, source.Name, run.Id, run.DryRun);
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = BeatAsync(run.Id, beating.Token);
        try
        {
            await using (await turns.TakeAsync(source.Id, cancellationToken))
            {
                await harvester.RunAsync(run, source, cancellationToken);
            }
        }
        catch (HarvestRunLostException)
        {
            LogLost(logger, source.Name, run.Id);
            return;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            run.State = "failed";
            run.Error = $"The run stopped after {run.PagesRead} page(s): {exception.GetType().Name}: {exception.Message}";
            LogRunFailed(logger, source.Name, run.Id, exception);
        }
        finally
        {
            await beating.CancelAsync();
            await heartbeat;
        }

        // The next run is planned before this one ends, so that no silo sees the source due with no run on its way.
        await PlanNextAsync(run, cancellationToken);
        if (!await runs.FinishAsync(run, clock.GetUtcNow(), cancellationToken))
        {
            LogLost(logger, source.Name, run.Id);
            return;
        }

        LogFinished(logger, source.Name, run.Id, run.State, run.Created, run.Updated, run.Unchanged, run.Withdrawn, run.Refused);
    }

    private async Task BeatAsync(Guid runId, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await runs.HeartbeatAsync(runId, clock.GetUtcNow(), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException)
        {
            LogHeartbeatFailed(logger, runId, exception);
        }
    }

    private async Task PlanNextAsync(RunRow run, CancellationToken cancellationToken)
    {
        if (run.DryRun || await sources.FindAsync(run.SourceId, cancellationToken) is not { } source)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (run.State == "failed")
        {
            var failures = source.ConsecutiveFailures + 1;
            var wait = TimeSpan.FromTicks(Math.Min(options.Value.MaxRetryAfter.Ticks, options.Value.RetryAfter.Ticks * (1L << Math.Min(failures - 1, 20))));
            var retry = source.Enabled && (source.Interval is not null || failures <= ManualRetries) ? now + wait : (DateTimeOffset?)null;
            await sources.ScheduleAsync(source.Id, retry, failures, cancellationToken);
            return;
        }

        await sources.ScheduleAsync(source.Id, source.Interval is { } interval && source.Enabled ? now + interval : null, 0, cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Harvest of {Source}, run {RunId} started (dry run: {DryRun})")]
    private static partial void LogStarted(ILogger logger, string source, Guid runId, bool dryRun);

    [LoggerMessage(LogLevel.Information, "Harvest of {Source}, run {RunId} {State}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Withdrawn} withdrawn, {Refused} refused")]
    private static partial void LogFinished(ILogger logger, string source, Guid runId, string state, int created, int updated, int unchanged, int withdrawn, int refused);

    [LoggerMessage(LogLevel.Warning, "Harvest of {Source}, run {RunId} failed")]
    private static partial void LogRunFailed(ILogger logger, string source, Guid runId, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Harvest of {Source}, run {RunId} was taken for lost while it worked (its heartbeat stopped); it stops here")]
    private static partial void LogLost(ILogger logger, string source, Guid runId);

    [LoggerMessage(LogLevel.Warning, "The heartbeat of harvest run {RunId} could not be written")]
    private static partial void LogHeartbeatFailed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(LogLevel.Warning, "A turn of the harvest scheduler failed; it tries again at the next")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception);
}
