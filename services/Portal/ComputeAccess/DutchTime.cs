namespace Federation.Portal.ComputeAccess;

/// <summary>
/// Calls close at the end of a Dutch day, and their moments are shown in Dutch time, whatever zone the portal's server
/// runs in (a container is often UTC, where "the end of 31 January" would read 22:59). Without the zone's data on the
/// machine, UTC: a moment an hour off rather than a page that fails.
/// </summary>
public static class DutchTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Amsterdam", out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTimeOffset Of(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);

    /// <summary>The last second of <paramref name="day"/> in Dutch time.</summary>
    public static DateTimeOffset EndOf(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(23, 59, 59));
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
