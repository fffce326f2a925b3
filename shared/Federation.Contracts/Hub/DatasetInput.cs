namespace Federation.Contracts.Hub;

// The metadata of each kind as staff send it: everything optional and loosely typed, so that a missing or wrong
// value is answered by the hub's validators with the path of its field (model.aiAct.riskClass), not by a serializer error.

/// <summary>DCAT-AP metadata and datasheet of a dataset, as staff send it.</summary>
public sealed record DatasetInput(
    DateOnly? TemporalStart, DateOnly? TemporalEnd, string? SpatialCoverage, string? UpdateFrequency,
    IReadOnlyList<DistributionInput?>? Distributions, bool? ContainsPersonalData, string? LegalBasis,
    string? CollectionProcess, string? KnownBiases, string? Version = null);
