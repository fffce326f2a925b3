using Federation.Contracts.Harvest;
using Federation.Portal.Language;

namespace Federation.Portal.Harvest;

/// <summary>A source's schedule in words: the usual ones by name, another duration as the hub stores it (PT6H).</summary>
public static class HarvestWords
{
    public static string Schedule(PortalText text, HarvestSource source)
    {
        var words = source.Schedule switch
        {
            "manual" => text["harvest.schedule.manual"],
            "PT1H" => text["harvest.schedule.hourly"],
            "P1D" => text["harvest.schedule.daily"],
            "P7D" => text["harvest.schedule.weekly"],
            var other => other,
        };
        return source.Enabled ? words : $"{words} ({text["harvest.off"]})";
    }
}
