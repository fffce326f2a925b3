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
            // ISO 8601 has weeks (P2W), which XML Schema's durations lack: they are read as days.
            var weeks = System.Text.RegularExpressions.Regex.Match(value.ToUpperInvariant(), "^P([0-9]{1,3})W$");
            interval = weeks.Success ? TimeSpan.FromDays(7 * int.Parse(weeks.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                : XmlConvert.ToTimeSpan(value.ToUpperInvariant());
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
