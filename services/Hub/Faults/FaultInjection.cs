namespace Federation.Hub.Faults;

/// <summary>
/// Test-only switches that let the suites simulate failures the real world produces rarely (a lost event). The
/// endpoints that flip them exist only when Hub:FaultInjection is true, which no shipped configuration sets.
/// </summary>
public sealed partial class FaultInjection(ILogger<FaultInjection> logger)
{
    private int publishesToDrop;

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

    [LoggerMessage(LogLevel.Warning, "Fault injection: feed entry {Sequence} marked sent without publishing it")]
    private static partial void LogDropped(ILogger logger, long sequence);
}
