using System.Globalization;

namespace Federation.Portal.ComputeAccess;

/// <summary>What an import from the usage page did (or, in a dry run, would do), summed over its parts; carried sealed to the page.</summary>
public sealed record UsageOutcome(bool DryRun, long Jobs, long NewJobs, long AlreadyImported, decimal AcceleratorHours, decimal EnergyKwh, long Unfinished)
{
    public string ToText() => string.Join(' ', DryRun ? "1" : "0", Jobs.ToString(CultureInfo.InvariantCulture), NewJobs.ToString(CultureInfo.InvariantCulture),
        AlreadyImported.ToString(CultureInfo.InvariantCulture), AcceleratorHours.ToString(CultureInfo.InvariantCulture),
        EnergyKwh.ToString(CultureInfo.InvariantCulture), Unfinished.ToString(CultureInfo.InvariantCulture));

    public static UsageOutcome? Parse(string? text)
    {
        var parts = text?.Split(' ');
        return parts is { Length: 7 }
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var jobs) && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var newJobs)
            && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var already) && decimal.TryParse(parts[4], CultureInfo.InvariantCulture, out var hours)
            && decimal.TryParse(parts[5], CultureInfo.InvariantCulture, out var energy) && long.TryParse(parts[6], CultureInfo.InvariantCulture, out var unfinished)
            ? new UsageOutcome(parts[0] == "1", jobs, newJobs, already, hours, energy, unfinished)
            : null;
    }
}
