namespace Federation.Contracts;

/// <summary>
/// The whole of a resource as its hub holds it at one version. Events carry full snapshots, never diffs, so any
/// single event is enough to bring the catalogue up to that version.
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
    string? WithdrawalReason);
