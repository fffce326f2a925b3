namespace Federation.Contracts;

/// <summary>A draft became visible to the federation.</summary>
public sealed record ResourcePublished(
    string HubId,
    Guid ResourceId,
    int Version,
    long Sequence,
    DateTimeOffset OccurredAt,
    ResourceSnapshot Resource,
    Guid FeedId) : IResourceEvent;
