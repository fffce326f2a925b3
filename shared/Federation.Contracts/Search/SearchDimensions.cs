using Federation.Contracts.Metadata;
using Federation.Contracts.Serialization;

namespace Federation.Contracts.Search;

/// <summary>
/// Every dimension the catalogue filters and counts by, in the order the portal shows their facets. Adding one here
/// (and its heading in the portal's texts) is all a new facet needs: the catalogue parses, tags, filters and counts
/// it, re-tags the rows it holds at its next start, and the portal shows it.
/// </summary>
/// <remarks>
/// Contracts otherwise hold records only. The tagging selectors are the exception on purpose: they are pure
/// projections of the contract records beside them (no I/O, no state), and declaring them anywhere else would split
/// each dimension again between a name here and its meaning in the catalogue, which is what this list ends.
/// </remarks>
public static class SearchDimensions
{
    /// <summary>Named apart because pages filter on it themselves (the expertise page shows one kind).</summary>
    public static readonly SearchDimension Kind =
        new("kind", r => [r.Kind.ToWireName()], Allowed: [.. Enum.GetValues<ResourceKind>().Select(k => k.ToWireName())], ValueLabelKey: "kind.{0}");

    // Named apart, too, because the resource pages label these values themselves (a resource's themes, an offer's sectors).
    public static readonly SearchDimension Theme = new("theme", r => r.Themes, Case: ValueCase.Upper, ValueLabelKey: "theme.{0}");

    public static readonly SearchDimension Skill = new("skill", r => [.. r.Expertise?.Skills ?? [], .. r.Expertise?.Tags ?? []], Case: ValueCase.Lower);

    public static readonly SearchDimension Sector =
        new("sector", r => r.Expertise?.Sectors ?? [], Allowed: [.. Vocabularies.Sectors.Keys], ValueLabelKey: "sector.{0}");

    public static readonly SearchDimension Region =
        new("region", r => [r.Expertise?.Region], Allowed: [.. Vocabularies.Regions.Keys], ValueNames: Vocabularies.Regions);

    public static readonly SearchDimension Availability = new("availability", r => [r.Expertise?.Availability], Allowed: Vocabularies.Availabilities);

    // A facility's compute offers: which accelerators, who may apply, how one gets in, how work runs there.
    public static readonly SearchDimension Accelerator = new("accelerator", r => r.Compute?.Partitions.Select(p => p.AcceleratorModel) ?? []);

    public static readonly SearchDimension Eligibility =
        new("eligibility", r => r.Compute?.Eligibility ?? [], Allowed: Vocabularies.ComputeEligibility, ValueLabelKey: "eligibility.{0}");

    public static readonly SearchDimension AccessMode =
        new("accessMode", r => r.Compute?.AccessModes.Select(m => m.Mode) ?? [], Allowed: Vocabularies.ComputeAccessModes, ValueLabelKey: "accessMode.{0}");

    public static readonly IReadOnlyList<SearchDimension> All =
    [
        Kind,
        new("hub", r => [r.HubId], ValuesAreHubs: true),
        new("accessPolicy", r => [r.AccessPolicy.ToWireName()], Allowed: [.. Enum.GetValues<AccessPolicy>().Select(p => p.ToWireName())],
            ValueLabelKey: "access.{0}.short"),
        new("licence", r => [r.Licence]),
        Theme,
        new("riskClass", r => [r.Model?.AiAct?.RiskClass], Allowed: Vocabularies.AiActRiskClasses, ValueLabelKey: "risk.{0}"),
        new("modality", r => [r.Model?.Modality], Allowed: Vocabularies.Modalities),
        new("task", r => [r.Model?.Task], Allowed: Vocabularies.ModelTasks),
        new("personalData", r => [r.Dataset is { } d ? (d.ContainsPersonalData ? "yes" : "no") : null], Allowed: ["yes", "no"], ValueLabelKey: "answer.{0}"),
        new("updateFrequency", r => [r.Dataset?.UpdateFrequency], Allowed: Vocabularies.UpdateFrequencies, ValueLabelKey: "frequency.{0}"),
        new("storageCountry", r => [r.Sovereignty?.StorageCountry], Case: ValueCase.Upper),
        Skill,
        Sector,
        Region,
        Availability,
        Accelerator,
        Eligibility,
        AccessMode,
        new("scheduler", r => [r.Compute?.Scheduler], Allowed: Vocabularies.Schedulers),
        new("wasteHeatReused", r => [r.Compute is { } c ? (c.Energy.WasteHeatReused ? "yes" : "no") : null], Allowed: ["yes", "no"], ValueLabelKey: "answer.{0}"),
        new("keyword", r => r.Keywords, Case: ValueCase.Lower),
    ];

    private static readonly Dictionary<string, SearchDimension> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static SearchDimension? Find(string name) => ByName.GetValueOrDefault(name);
}
