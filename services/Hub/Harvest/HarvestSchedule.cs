using System.Xml;

namespace Federation.Hub.Harvest;

/// <summary>
/// A source's schedule: "manual", or an ISO 8601 duration between runs ("PT6H", "P1D", "P1W"), with the words
/// "hourly", "daily" and "weekly" for the usual ones. At least <see cref="HarvestOptions.ShortestSchedule"/>, at most 90 days.
/// </summary>
public static class HarvestSchedule
{
    public const string Manual = "manual";

    /// <summary>The schedule as stored ("manual" or a duration), or null with the reason when it is not one.</summary>
    public static (string? Schedule, string? Problem) Parse(string? text)
    {
        var value = text?.Trim();
        switch (value?.ToLowerInvariant())
        {
            case null or "":
                return (null, "'schedule' is required: 'manual', 'hourly', 'daily', 'weekly' or an ISO 8601 duration such as PT6H.");
            case Manual:
                return (Manual, null);
            case "hourly":
                return ("PT1H", null);
            case "daily":
                return ("P1D", null);
            case "weekly":
                return ("P7D", null);
        }

        TimeSpan interval;
        try
        {
            interval = XmlConvert.ToTimeSpan(value.ToUpperInvariant().Replace("P1W", "P7D", StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            return (null, $"'{value}' is not a schedule: 'manual', 'hourly', 'daily', 'weekly' or an ISO 8601 duration such as PT6H.");
        }

        return interval < HarvestOptions.ShortestSchedule || interval > TimeSpan.FromDays(90)
            ? (null, $"A schedule is between {HarvestOptions.ShortestSchedule.TotalMinutes:0} minutes and 90 days; '{value}' is not.")
            : (XmlConvert.ToString(interval), null);
    }

    public static TimeSpan? Interval(string schedule) => schedule == Manual ? null : XmlConvert.ToTimeSpan(schedule);
}
