using Microsoft.Extensions.Options;

namespace Federation.Hub.Harvest;

/// <summary>
/// Runs the harvests: queues sources when their schedule says, takes queued runs (one silo each, through the
/// database) and executes them one at a time, and plans the next run: after the schedule's interval when a run
/// succeeded, after a backoff that doubles with each failure in a row when it failed. A run lost with its silo (no
/// heartbeat) is failed and so retried. Dry runs change neither the schedule nor the count of failures.
/// </summary>
public sealed partial class HarvestScheduler(
    HarvestSourceStore sources,
    HarvestRunStore runs,
    Harvester harvester,
    HarvestSignal signal,
    TimeProvider clock,
    IOptions<HarvestOptions> options,
    ILogger<HarvestScheduler> logger) : BackgroundService
{
    // A running run writes its heartbeat at every page; one silent for this long was lost with its silo.
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

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
            var source = await sources.FindAsync(run.SourceId, cancellationToken);
            if (source is null)
            {
                continue; // removed with its runs
            }

            LogStarted(logger, source.Name, run.Id, run.DryRun);
            await harvester.RunAsync(run, source, cancellationToken);
            await runs.FinishAsync(run, clock.GetUtcNow(), cancellationToken);
            await PlanNextAsync(run, cancellationToken);
            LogFinished(logger, source.Name, run.Id, run.State, run.Created, run.Updated, run.Unchanged, run.Withdrawn, run.Refused);
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
            await sources.ScheduleAsync(source.Id, now + wait, failures, cancellationToken);
            return;
        }

        await sources.ScheduleAsync(source.Id, source.Interval is { } interval && source.Enabled ? now + interval : null, 0, cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Harvest of {Source}, run {RunId} started (dry run: {DryRun})")]
    private static partial void LogStarted(ILogger logger, string source, Guid runId, bool dryRun);

    [LoggerMessage(LogLevel.Information, "Harvest of {Source}, run {RunId} {State}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Withdrawn} withdrawn, {Refused} refused")]
    private static partial void LogFinished(ILogger logger, string source, Guid runId, string state, int created, int updated, int unchanged, int withdrawn, int refused);

    [LoggerMessage(LogLevel.Warning, "A turn of the harvest scheduler failed; it tries again at the next")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception);
}
