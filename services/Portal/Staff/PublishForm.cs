using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;
using Federation.Contracts.Serialization;

namespace Federation.Portal.Staff;

/// <summary>
/// A resource as staff fill it in: the common fields and those of its kind (a dataset's DCAT-AP and datasheet fields,
/// a model card with its AI Act class, an expertise offer). Free lists are typed comma-separated, vocabularies are
/// chosen. The hub validates; its reasons come back by field and are shown next to each.
/// </summary>
public sealed class PublishForm
{
    public string Kind { get; set; } = "dataset";

    /// <summary>The version an edit started from (none for a new resource); a change made meanwhile is not overwritten.</summary>
    public int? Version { get; set; }

    /// <summary>
    /// Names the one resource a new form creates, sent as Idempotency-Key: when the answer to a create is lost and
    /// staff send the form again, the hub finds the draft the first try made instead of making a second one.
    /// </summary>
    public string? CreateKey { get; set; }

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

    /// <summary>What staff say of an edit: kept with the version it makes.</summary>
    public string? ChangeNote { get; set; }

    public DateOnly? TemporalStart { get; set; }
    public DateOnly? TemporalEnd { get; set; }
    public string? SpatialCoverage { get; set; }
    public string? UpdateFrequency { get; set; }
    public bool ContainsPersonalData { get; set; }
    public string? LegalBasis { get; set; }

    /// <summary>The simple fields of the dataset registry (<see cref="DatasetTextFields"/>), by wire name; posted as Form.DatasetText[name].</summary>
    public Dictionary<string, string?> DatasetText { get; set; } = [];

    // A model card. Training datasets are typed one per line as hub/resource-id, the form a lineage link takes.
    public string? Task { get; set; }
    public string? Modality { get; set; }
    public string? Architecture { get; set; }
    public long? ParameterCount { get; set; }
    public string? TrainingDatasets { get; set; }
    public string? IntendedUse { get; set; }
    public string? OutOfScopeUse { get; set; }
    public string? Limitations { get; set; }
    public string? RiskClass { get; set; }
    public string? AnnexIiiArea { get; set; }
    public string? IntendedPurpose { get; set; }
    public double? TrainingEnergyKwh { get; set; }
    public string? TrainedIn { get; set; }

    /// <summary>The compute allocation the model was trained under, typed as the member's compute page shows it: facility/allocation-id.</summary>
    public string? TrainedUnder { get; set; }

    // An expertise offer. Skills and sectors come from the shared vocabularies (checkboxes), tags are free.
    public string ProviderKind { get; set; } = "organisation";
    public string[] Skills { get; set; } = [];
    public string? Tags { get; set; }
    public string[] Sectors { get; set; } = [];
    public string? Region { get; set; }
    public string? Languages { get; set; }
    public string? Availability { get; set; }
    public string? EngagementTerms { get; set; }
    // False unless posted: an unticked checkbox sends nothing, so a default of true could never be switched off.
    // A new form starts ticked (New), an edited one as the hub holds it (Of).
    public bool WantsContact { get; set; }

    /// <summary>An empty form for a new resource, with the defaults a person would expect ticked.</summary>
    public static PublishForm New() => new() { WantsContact = true, CreateKey = Guid.NewGuid().ToString("N") };

    /// <summary>The form filled in with a resource as its hub holds it, for editing.</summary>
    public static PublishForm Of(ResourceSnapshot resource) => new()
    {
        Kind = resource.Kind.ToWireName(),
        Version = resource.Version,
        Title = resource.Title,
        Summary = resource.Summary,
        Description = resource.Description,
        Keywords = string.Join(", ", resource.Keywords),
        Themes = string.Join(", ", resource.Themes),
        Licence = resource.Licence,
        AccessPolicy = resource.AccessPolicy.ToWireName(),
        Publisher = resource.Publisher,
        ContactPoint = resource.ContactPoint,
        Language = resource.Language,
        TemporalStart = resource.Dataset?.TemporalStart,
        TemporalEnd = resource.Dataset?.TemporalEnd,
        SpatialCoverage = resource.Dataset?.SpatialCoverage,
        UpdateFrequency = resource.Dataset?.UpdateFrequency,
        ContainsPersonalData = resource.Dataset?.ContainsPersonalData ?? false,
        LegalBasis = resource.Dataset?.LegalBasis,
        DatasetText = DatasetTextFields.All.ToDictionary(field => field.Name, field => resource.Dataset is { } dataset ? field.Metadata.Get(dataset) : null),
        Task = resource.Model?.Task,
        Modality = resource.Model?.Modality,
        Architecture = resource.Model?.Architecture,
        ParameterCount = resource.Model?.ParameterCount,
        TrainingDatasets = string.Join("\n", (resource.Model?.TrainingDatasets ?? []).Select(link => $"{link.HubId}/{link.ResourceId}")),
        IntendedUse = resource.Model?.IntendedUse,
        OutOfScopeUse = resource.Model?.OutOfScopeUse,
        Limitations = resource.Model?.Limitations,
        RiskClass = resource.Model?.AiAct?.RiskClass,
        AnnexIiiArea = resource.Model?.AiAct?.AnnexIiiArea,
        IntendedPurpose = resource.Model?.AiAct?.IntendedPurpose,
        TrainingEnergyKwh = resource.Model?.TrainingEnergyKwh,
        TrainedIn = resource.Model?.TrainedIn,
        TrainedUnder = resource.Model?.TrainingCompute is { } compute ? $"{compute.FacilityId}/{compute.AllocationId}" : null,
        ProviderKind = resource.Expertise?.ProviderKind ?? "organisation",
        Skills = [.. resource.Expertise?.Skills ?? []],
        Tags = string.Join(", ", resource.Expertise?.Tags ?? []),
        Sectors = [.. resource.Expertise?.Sectors ?? []],
        Region = resource.Expertise?.Region,
        Languages = string.Join(", ", resource.Expertise?.Languages ?? []),
        Availability = resource.Expertise?.Availability,
        EngagementTerms = resource.Expertise?.EngagementTerms,
        WantsContact = resource.Expertise?.WantsContact ?? true,
    };

    /// <summary>
    /// The hub's resource input: what its API takes, with empty fields left out. Editing, whatever the form does not
    /// show (distributions, a model's evaluations, sovereignty) is carried over from <paramref name="held"/> unchanged:
    /// a change replaces the whole resource, and the form must not erase what it cannot display.
    /// </summary>
    public ResourceInput ToHubInput(ResourceSnapshot? held = null) => new()
    {
        Kind = Kind,
        Title = Title,
        Summary = Summary,
        Description = Description,
        Keywords = List(Keywords),
        Themes = List(Themes),
        Licence = Licence,
        AccessPolicy = AccessPolicy,
        Publisher = Publisher,
        ContactPoint = Blank(ContactPoint),
        Language = Blank(Language),
        Identifier = held?.Identifier,
        ChangeNote = Blank(ChangeNote),
        Dataset = Kind == "dataset"
            ? DatasetTextFields.All.Aggregate(
                new DatasetInput(TemporalStart, TemporalEnd, Blank(SpatialCoverage), Blank(UpdateFrequency),
                    held?.Dataset?.Distributions?.Select(d => (DistributionInput?)new DistributionInput(
                        d.Title, d.MediaType, d.Format, d.ByteSize, d.Sha256, d.ArtifactId, d.DownloadUrl?.OriginalString)).ToList(),
                    ContainsPersonalData, Blank(LegalBasis), CollectionProcess: null, KnownBiases: null),
                (input, field) => field.Input.With(input, Blank(DatasetText.GetValueOrDefault(field.Name))))
            : null,
        Model = Kind == "model"
            ? new ModelInput(Blank(Task), Blank(Modality), Blank(Architecture), ParameterCount, [.. Lines(TrainingDatasets).Select(LinkInput)],
                Blank(IntendedUse), Blank(OutOfScopeUse), Blank(Limitations),
                held?.Model?.Evaluations?.Select(e => (EvaluationInput?)new EvaluationInput(
                    e.Metric, e.Value, e.Dataset is { } link ? new ResourceLinkInput(link.HubId, link.ResourceId) : null, e.DatasetName)).ToList(),
                // Sent whenever any part is filled in, so that an area or purpose without a risk class is refused
                // by the hub (and said next to the risk class) instead of silently dropped.
                Blank(RiskClass) is not null || Blank(AnnexIiiArea) is not null || Blank(IntendedPurpose) is not null
                    ? new AiActInput(Blank(RiskClass), Blank(AnnexIiiArea), Blank(IntendedPurpose))
                    : null,
                TrainingEnergyKwh, Blank(TrainedIn), Citation(TrainedUnder))
            : null,
        Expertise = Kind == "expertise"
            ? new ExpertiseInput(ProviderKind, Skills, List(Tags), Sectors, Blank(Region), List(Languages), Blank(Availability), Blank(EngagementTerms),
                WantsContact)
            : null,
        Sovereignty = held?.Sovereignty is { } sovereignty
            ? new SovereigntyInput(sovereignty.StorageCountry, sovereignty.ProcessingCountries, sovereignty.Jurisdiction)
            : null,
    };

    /// <summary>
    /// The form field a hub error key ("title", "keywords[2]", "dataset.legalBasis", "model.aiAct.riskClass",
    /// "model.trainingDatasets[1].resourceId") is about, or null when the form has no field for it. A field of the
    /// dataset registry is named by the hub's path itself ("dataset.version"), which is not a property of this form.
    /// </summary>
    public static string? FieldOf(string errorKey)
    {
        if (errorKey.StartsWith("dataset.", StringComparison.Ordinal) && DatasetTextFields.Find(errorKey["dataset.".Length..]) is { } registered)
        {
            return registered.Path;
        }

        var key = KindPrefixes.FirstOrDefault(prefix => errorKey.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) is { } kindPrefix
            ? errorKey[kindPrefix.Length..]
            : errorKey;
        var end = key.IndexOfAny(['[', '.']);
        key = end >= 0 ? key[..end] : key;
        return typeof(PublishForm).GetProperties().FirstOrDefault(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase))?.Name;
    }

    private static readonly string[] KindPrefixes = ["dataset.", "model.aiAct.", "model.", "expertise."];

    /// <summary>
    /// A lineage link as typed, "brainport/3f2b…". What does not parse goes to the hub as it is, so that its refusal
    /// names the line (model.trainingDatasets[2]) and shows next to the field like any other reason.
    /// </summary>
    private static ResourceLinkInput? LinkInput(string line)
    {
        var slash = line.IndexOf('/', StringComparison.Ordinal);
        var hubId = slash > 0 ? line[..slash].Trim() : line;
        Guid? resourceId = slash > 0 && Guid.TryParse(line[(slash + 1)..].Trim(), out var id) ? id : null;
        return new ResourceLinkInput(hubId, resourceId);
    }

    // What does not parse goes to the hub as it is, so that its refusal is said next to the field.
    private static AllocationCitationInput? Citation(string? typed)
    {
        if (Blank(typed) is not { } text)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && Guid.TryParse(text[(slash + 1)..].Trim(), out var allocation)
            ? new AllocationCitationInput(text[..slash].Trim(), allocation)
            : new AllocationCitationInput(slash > 0 ? text[..slash].Trim() : text, null);
    }

    private static string[] Lines(string? values) =>
        (values ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[] List(string? values) =>
        (values ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
