namespace Federation.Testing.Faults;

/// <summary>The running federation a fault is done to: its processes, and the broker vhost they share.</summary>
public sealed record FaultTarget(ServiceProcess Catalogue, IReadOnlyDictionary<string, ServiceProcess> Hubs, string VirtualHost);

/// <summary>
/// How long a run warms up before the fault, how long a hub stays unreachable, and how long the load goes on after
/// the fault ends (the window in which full throughput must come back).
/// </summary>
public sealed record FaultTimings(TimeSpan Warmup, TimeSpan HubAway, TimeSpan Observe)
{
    /// <summary>Short enough for the test suite.</summary>
    public static FaultTimings Suite { get; } = new(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(12));

    /// <summary>The figures in docs/reliability.md: a hub away for two minutes.</summary>
    public static FaultTimings Measured { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30));
}
