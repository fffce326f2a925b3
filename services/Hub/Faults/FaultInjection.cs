namespace Federation.Hub.Faults;

/// <summary>
/// Test-only switches that let the suites simulate failures the real world produces rarely: a lost event, a crash in
/// the instant between committing a change and publishing it, a relay that sends again and out of order. The
/// endpoints that flip them exist only when Hub:FaultInjection is true, which no shipped configuration sets.
/// </summary>
public sealed partial class FaultInjection(ILogger<FaultInjection> logger)
{
    private int publishesToDrop;
    private int crashArmed;
    private int batchesToScramble;

    /// <summary>The next change committed with a feed entry ends this process at once, before anything is published.</summary>
    public void CrashAfterNextCommit() => Interlocked.Exchange(ref crashArmed, 1);

    public void CrashIfArmed(long sequence)
    {
        if (Interlocked.Exchange(ref crashArmed, 0) == 1)
        {
            LogCrashing(logger, sequence);
            // SIGKILL to ourselves: what kill -9 or a lost machine does; no shutdown code runs.
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }

    /// <summary>The next <paramref name="count"/> relay batches go out twice, newest first, with older entries again.</summary>
    public void ScrambleNextBatches(int count) => Interlocked.Exchange(ref batchesToScramble, count);

    public bool ShouldScramble()
    {
        var remaining = Volatile.Read(ref batchesToScramble);
        while (remaining > 0)
        {
            if (Interlocked.CompareExchange(ref batchesToScramble, remaining - 1, remaining) == remaining)
            {
                return true;
            }

            remaining = Volatile.Read(ref batchesToScramble);
        }

        return false;
    }

    public void DropNextPublishes(int count) => Interlocked.Exchange(ref publishesToDrop, count);

    public bool ShouldDropPublish(long sequence)
    {
        var remaining = Volatile.Read(ref publishesToDrop);
        while (remaining > 0)
        {
            if (Interlocked.CompareExchange(ref publishesToDrop, remaining - 1, remaining) == remaining)
            {
                LogDropped(logger, sequence);
                return true;
            }

            remaining = Volatile.Read(ref publishesToDrop);
        }

        return false;
    }

    [LoggerMessage(LogLevel.Warning, "Fault injection: crashing right after committing feed entry {Sequence}")]
    private static partial void LogCrashing(ILogger logger, long sequence);

    [LoggerMessage(LogLevel.Warning, "Fault injection: feed entry {Sequence} marked sent without publishing it")]
    private static partial void LogDropped(ILogger logger, long sequence);
}
