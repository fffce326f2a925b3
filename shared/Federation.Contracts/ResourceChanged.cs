namespace Federation.Contracts;

/// <summary>A published resource was edited; the snapshot is its new whole state.</summary>
public sealed record ResourceChanged(
    string HubId,
    Guid ResourceId,
    int Version,
    long Sequence,
    DateTimeOffset OccurredAt,
    ResourceSnapshot Resource,
    Guid FeedId) : IResourceEvent;
