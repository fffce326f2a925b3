namespace Federation.Testing;

/// <summary>A clock that moves only when a spec moves it, for specs of expiry and caching.</summary>
public sealed class SettableClock(DateTimeOffset? start = null) : TimeProvider
{
    private DateTimeOffset now = start ?? DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
