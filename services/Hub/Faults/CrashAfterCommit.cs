using Federation.Hub.Writes;

namespace Federation.Hub.Faults;

/// <summary>
/// Wraps the commit step: when armed, the first unit of work that commits a feed entry ends the process right after
/// its COMMIT, before the relay can publish it. The entry must still reach the catalogue after the restart.
/// </summary>
public sealed partial class CrashAfterCommit(ICommitStep inner, FaultInjection faults, ILogger<CrashAfterCommit> logger) : ICommitStep
{
    public async Task CommitAsync(HubUnitOfWork work, CancellationToken cancellationToken)
    {
        await inner.CommitAsync(work, cancellationToken);
        if (work.FeedSequence is { } sequence && faults.TakeCrash())
        {
            LogCrashing(logger, sequence);
            // SIGKILL to ourselves: what kill -9 or a lost machine does; no shutdown code runs.
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Fault injection: crashing right after committing feed entry {Sequence}")]
    private static partial void LogCrashing(ILogger logger, long sequence);
}
