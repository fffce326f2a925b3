using Federation.Contracts;
using Federation.Hub.Resources;

namespace Federation.Hub.Feed;

/// <summary>A committed change waiting in the hub's feed.</summary>
public sealed record FeedEntry(long Sequence, FeedChange Change, ResourceSnapshot Resource)
{
    public IResourceEvent ToEvent() => Change switch
    {
        FeedChange.Published => new ResourcePublished(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource),
        FeedChange.Changed => new ResourceChanged(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource),
        FeedChange.Withdrawn => new ResourceWithdrawn(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource),
        _ => throw new InvalidDataException($"Unknown feed change {Change}."),
    };
}
