namespace Federation.Hub.Compute;

/// <summary>Settings of a facility's compute.</summary>
public sealed class ComputeOptions
{
    public const string Section = "Compute";

    /// <summary>
    /// The IANA time zone the scheduler writes times in when they carry no offset (sacct's default). Better still,
    /// run sacct with SLURM_TIME_FORMAT=%FT%T%z: times then carry their offset and this is not used.
    /// </summary>
    public string SchedulerTimeZoneId { get; set; } = "Europe/Amsterdam";

    public TimeZoneInfo SchedulerTimeZone => TimeZoneInfo.FindSystemTimeZoneById(SchedulerTimeZoneId);
}
