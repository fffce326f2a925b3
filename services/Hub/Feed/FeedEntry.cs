using Federation.Contracts;
using Federation.Hub.Resources;

namespace Federation.Hub.Feed;

/// <summary>A committed change waiting in the hub's feed, with the trace of the request that made it (if traced).</summary>
public sealed record FeedEntry(long Sequence, FeedChange Change, ResourceSnapshot Resource, string? TraceParent = null)
{
    public IResourceEvent ToEvent(Guid feedId) => Change switch
    {
        FeedChange.Published => new ResourcePublished(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource.ForFederation(), feedId),
        FeedChange.Changed => new ResourceChanged(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource.ForFederation(), feedId),
        FeedChange.Withdrawn => new ResourceWithdrawn(Resource.HubId, Resource.Id, Resource.Version, Sequence, Resource.ModifiedAt, Resource.ForFederation(), feedId),
        _ => throw new InvalidDataException($"Unknown feed change {Change}."),
    };
}
