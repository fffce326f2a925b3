namespace Federation.Portal.Staff;

/// <summary>
/// A new resource as staff fill it in: the common fields and, for a dataset, its DCAT-AP and datasheet fields. Lists
/// are typed comma-separated. The hub validates; its reasons come back by field and are shown next to each.
/// </summary>
public sealed class PublishForm
{
    public string Kind { get; set; } = "dataset";

    /// <summary>The version an edit started from (none for a new resource); a change made meanwhile is not overwritten.</summary>
    public int? Version { get; set; }
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

    /// <summary>The form filled in with a resource as its hub holds it, for editing.</summary>
    public static PublishForm Of(Federation.Contracts.ResourceSnapshot resource) => new()
    {
        Kind = resource.Kind.ToString().ToLowerInvariant(),
        Version = resource.Version,
        Title = resource.Title,
        Summary = resource.Summary,
        Description = resource.Description,
        Keywords = string.Join(", ", resource.Keywords),
        Themes = string.Join(", ", resource.Themes),
        Licence = resource.Licence,
        AccessPolicy = resource.AccessPolicy.ToString().ToLowerInvariant(),
        Publisher = resource.Publisher,
        ContactPoint = resource.ContactPoint,
        Language = resource.Language,
        TemporalStart = resource.Dataset?.TemporalStart,
        TemporalEnd = resource.Dataset?.TemporalEnd,
        SpatialCoverage = resource.Dataset?.SpatialCoverage,
        UpdateFrequency = resource.Dataset?.UpdateFrequency,
        ContainsPersonalData = resource.Dataset?.ContainsPersonalData ?? false,
        LegalBasis = resource.Dataset?.LegalBasis,
        CollectionProcess = resource.Dataset?.CollectionProcess,
        KnownBiases = resource.Dataset?.KnownBiases,
    };

    /// <summary>
    /// The hub's resource input: what its API takes, with empty fields left out. Editing, whatever the form does not
    /// show (distributions, a model card, an expertise profile, sovereignty) is carried over from <paramref name="held"/>
    /// unchanged: a change replaces the whole resource, and the form must not erase what it cannot display.
    /// </summary>
    public object ToHubInput(Federation.Contracts.ResourceSnapshot? held = null) => new
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
                distributions = held?.Dataset?.Distributions, containsPersonalData = ContainsPersonalData, legalBasis = Blank(LegalBasis),
                collectionProcess = Blank(CollectionProcess), knownBiases = Blank(KnownBiases),
            }
            : null,
        model = held?.Model,
        expertise = held?.Expertise,
        sovereignty = held?.Sovereignty,
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
