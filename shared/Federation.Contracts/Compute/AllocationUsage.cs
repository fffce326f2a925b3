namespace Federation.Contracts.Compute;

/// <summary>
/// How much of an allocation is used, as the facility last reported it: accelerator-hours, energy where the scheduler
/// measured it, the jobs counted, and a version that only grows (a report older than the one held changes nothing).
/// </summary>
public sealed record AllocationUsage(decimal AcceleratorHours, decimal EnergyKwh, long Jobs, long Version, DateTimeOffset ReportedAt)
{
    /// <summary>The share of <paramref name="hours"/> used, 0 to 1 or more.</summary>
    public decimal ShareOf(long hours) => hours <= 0 ? 0 : AcceleratorHours / hours;
}
