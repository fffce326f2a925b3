namespace Federation.Portal.Staff;

/// <summary>
/// A new resource as staff fill it in: the common fields and, for a dataset, its DCAT-AP and datasheet fields. Lists
/// are typed comma-separated. The hub validates; its reasons come back by field and are shown next to each.
/// </summary>
public sealed class PublishForm
{
    public string Kind { get; set; } = "dataset";
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public string? Keywords { get; set; }
    public string? Themes { get; set; }
    public string? Licence { get; set; } = "CC-BY-4.0";
    public string AccessPolicy { get; set; } = "open";
    public string? Publisher { get; set; }
    public string? ContactPoint { get; set; }
    public string? Language { get; set; }
    public DateOnly? TemporalStart { get; set; }
    public DateOnly? TemporalEnd { get; set; }
    public string? SpatialCoverage { get; set; }
    public string? UpdateFrequency { get; set; }
    public bool ContainsPersonalData { get; set; }
    public string? LegalBasis { get; set; }
    public string? CollectionProcess { get; set; }
    public string? KnownBiases { get; set; }

    /// <summary>The hub's resource input: what its API takes, with empty fields left out.</summary>
    public object ToHubInput() => new
    {
        kind = Kind,
        title = Title,
        summary = Summary,
        description = Description,
        keywords = List(Keywords),
        themes = List(Themes),
        licence = Licence,
        accessPolicy = AccessPolicy,
        publisher = Publisher,
        contactPoint = Blank(ContactPoint),
        language = Blank(Language),
        dataset = Kind == "dataset"
            ? new
            {
                temporalStart = TemporalStart, temporalEnd = TemporalEnd, spatialCoverage = Blank(SpatialCoverage), updateFrequency = Blank(UpdateFrequency),
                containsPersonalData = ContainsPersonalData, legalBasis = Blank(LegalBasis), collectionProcess = Blank(CollectionProcess),
                knownBiases = Blank(KnownBiases),
            }
            : null,
    };

    /// <summary>The form field a hub error key ("title", "keywords[2]", "dataset.legalBasis") is about, or null.</summary>
    public static string? FieldOf(string errorKey)
    {
        var key = errorKey.StartsWith("dataset.", StringComparison.OrdinalIgnoreCase) ? errorKey["dataset.".Length..] : errorKey;
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        key = bracket >= 0 ? key[..bracket] : key;
        return typeof(PublishForm).GetProperties().FirstOrDefault(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase))?.Name;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[] List(string? values) =>
        (values ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
