using Federation.Contracts.Harvest;

namespace Federation.Hub.Harvest;

/// <summary>A source as stored.</summary>
public sealed class SourceRow
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string Schedule { get; set; } = "";
    public string AccessPolicy { get; set; } = "";
    public string? Licence { get; set; }
    public string Organisation { get; set; } = "";
    public string Publisher { get; set; } = "";
    public int WithdrawalLimitPercent { get; set; }
    public bool Enabled { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? NextRunAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public int Datasets { get; set; }

    /// <summary>The time between scheduled runs; null for a source run by hand only.</summary>
    public TimeSpan? Interval => HarvestSchedule.Interval(Schedule);

    public HarvestSource ToContract(HarvestRun? lastRun) => new(
        Id, Name, Url, Schedule, AccessPolicy, Licence, Organisation, Publisher, WithdrawalLimitPercent, Enabled, Version, CreatedAt,
        NextRunAt, ConsecutiveFailures, Datasets, lastRun);
}
