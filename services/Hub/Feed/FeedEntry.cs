using Federation.Contracts;
using Federation.Hub.Resources;

namespace Federation.Hub.Feed;

/// <summary>A committed change waiting in the hub's feed.</summary>
public sealed record FeedEntry(long Sequence, FeedChange Change, ResourceSnapshot Resource)
{
    public IResourceEvent ToEvent(Guid feedId) => Change switch
    {
        FeedChange.Published => new ResourcePublished(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource.ForFederation(), feedId),
        FeedChange.Changed => new ResourceChanged(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource.ForFederation(), feedId),
        FeedChange.Withdrawn => new ResourceWithdrawn(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource.ForFederation(), feedId),
        _ => throw new InvalidDataException($"Unknown feed change {Change}."),
    };
}
