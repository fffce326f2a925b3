namespace Federation.Testing;

/// <summary>
/// The real clock, moved by a spec's shift: time runs on (timers, expiries of things the spec does not look at), while
/// the spec can step over a span it cannot wait for.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long shiftTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref shiftTicks, by.Ticks);
}
