namespace Federation.Contracts;

/// <summary>A tombstone: the resource is no longer offered. Never lost, so a withdrawal cannot be undone by an older copy.</summary>
public sealed record ResourceWithdrawn(
    string HubId,
    Guid ResourceId,
    int Version,
    long Sequence,
    DateTimeOffset OccurredAt,
    ResourceSnapshot Resource,
    Guid FeedId) : IResourceEvent;
