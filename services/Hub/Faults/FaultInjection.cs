namespace Federation.Hub.Faults;

/// <summary>
/// The switches the fault suite flips through <c>/_faults/…</c>: a crash in the instant between committing a change
/// and publishing it, publishes dropped, relay batches scrambled. They are read only by the decorators in this folder,
/// which exist only when the fault setup asks for them (<see cref="FaultInjectionSetup"/>); the production store and
/// relay know nothing of them.
/// </summary>
public sealed class FaultInjection
{
    private int publishesToDrop;
    private int crashArmed;
    private int batchesToScramble;

    /// <summary>The next change committed with a feed entry ends this process at once, before anything is published.</summary>
    public void CrashAfterNextCommit() => Interlocked.Exchange(ref crashArmed, 1);

    public bool TakeCrash() => Interlocked.Exchange(ref crashArmed, 0) == 1;

    /// <summary>The next <paramref name="count"/> relay batches go out twice, newest first, with older entries again.</summary>
    public void ScrambleNextBatches(int count) => Interlocked.Exchange(ref batchesToScramble, count);

    public bool TakeScramble() => TakeOne(ref batchesToScramble);

    public void DropNextPublishes(int count) => Interlocked.Exchange(ref publishesToDrop, count);

    public bool TakeDrop() => TakeOne(ref publishesToDrop);

    private static bool TakeOne(ref int counter)
    {
        var remaining = Volatile.Read(ref counter);
        while (remaining > 0)
        {
            if (Interlocked.CompareExchange(ref counter, remaining - 1, remaining) == remaining)
            {
                return true;
            }

            remaining = Volatile.Read(ref counter);
        }

        return false;
    }
}
