using Federation.Contracts.Metadata;

namespace Federation.Contracts;

/// <summary>
/// The whole of a resource as its hub holds it at one version. Events carry full snapshots, never diffs, so any
/// single event is enough to bring the catalogue up to that version. The metadata of the resource's kind
/// (<see cref="Dataset"/>, <see cref="Model"/>, <see cref="Expertise"/> or <see cref="Compute"/>) and its <see cref="Sovereignty"/> are
/// optional, so snapshots written before they existed still read. <see cref="Identifier"/> is the resource's key at its
/// publisher (a dataset's dct:identifier in the catalogue it came from, a row's identifier in an import): what an
/// import finds it again by, never its title. <see cref="ChangeNote"/> is what staff said of the change that made this
/// version (a withdrawal's reason for a withdrawal); each version stays readable at its hub.
/// </summary>
public sealed record ResourceSnapshot(
    Guid Id,
    string HubId,
    ResourceKind Kind,
    ResourceState State,
    int Version,
    string Title,
    string Summary,
    string Description,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Themes,
    string Licence,
    AccessPolicy AccessPolicy,
    string Publisher,
    string? ContactPoint,
    string? Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason,
    DatasetMetadata? Dataset = null,
    ModelCard? Model = null,
    ExpertiseProfile? Expertise = null,
    Sovereignty? Sovereignty = null,
    ComputeOffer? Compute = null,
    string? Identifier = null,
    string? ChangeNote = null);
