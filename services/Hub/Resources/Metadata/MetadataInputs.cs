namespace Federation.Hub.Resources.Metadata;

// The metadata of each kind as staff send it: everything optional and loosely typed, so that a missing or wrong
// value is answered by the validators with the path of its field (model.aiAct.riskClass), not by a serializer error.

public sealed record DatasetInput(
    DateOnly? TemporalStart, DateOnly? TemporalEnd, string? SpatialCoverage, string? UpdateFrequency,
    IReadOnlyList<DistributionInput?>? Distributions, bool? ContainsPersonalData, string? LegalBasis,
    string? CollectionProcess, string? KnownBiases);

public sealed record DistributionInput(string? Title, string? MediaType, string? Format, long? ByteSize, string? Sha256, Guid? ArtifactId, string? DownloadUrl);

public sealed record ModelInput(
    string? Task, string? Modality, string? Architecture, long? ParameterCount, IReadOnlyList<ResourceLinkInput?>? TrainingDatasets,
    string? IntendedUse, string? OutOfScopeUse, string? Limitations, IReadOnlyList<EvaluationInput?>? Evaluations,
    AiActInput? AiAct, double? TrainingEnergyKwh, string? TrainedIn);

public sealed record ResourceLinkInput(string? HubId, Guid? ResourceId);

public sealed record EvaluationInput(string? Metric, double? Value, ResourceLinkInput? Dataset, string? DatasetName);

public sealed record AiActInput(string? RiskClass, string? AnnexIiiArea, string? IntendedPurpose);

public sealed record ExpertiseInput(
    string? ProviderKind, IReadOnlyList<string?>? Skills, IReadOnlyList<string?>? Tags, IReadOnlyList<string?>? Sectors, string? Region,
    IReadOnlyList<string?>? Languages, string? Availability, string? EngagementTerms, bool? WantsContact);

public sealed record SovereigntyInput(string? StorageCountry, IReadOnlyList<string?>? ProcessingCountries, string? Jurisdiction);
