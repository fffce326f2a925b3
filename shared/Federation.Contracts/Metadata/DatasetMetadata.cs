namespace Federation.Contracts.Metadata;

/// <summary>
/// What a dataset is beyond its title, aligned with DCAT-AP 3: coverage in time and space, how often it changes, its
/// distributions, whether it holds personal data (and then on which legal basis), datasheet notes on how it came
/// about and what it is known to get wrong, and which version of it this is.
/// </summary>
public sealed record DatasetMetadata(
    DateOnly? TemporalStart = null,
    DateOnly? TemporalEnd = null,
    string? SpatialCoverage = null,
    string? UpdateFrequency = null,
    IReadOnlyList<Distribution>? Distributions = null,
    bool ContainsPersonalData = false,
    string? LegalBasis = null,
    string? CollectionProcess = null,
    string? KnownBiases = null,
    string? Version = null);
