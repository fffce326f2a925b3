using System.Diagnostics;
using Federation.Hub.Hosting;
using MassTransit;

namespace Federation.Hub.Feed;

/// <summary>Publishes feed entries to the broker, each in a span that continues the trace of the request that made it.</summary>
public sealed class BrokerFeedPublisher(IBus bus) : IFeedPublisher
{
    // Publishing the batch concurrently lets the broker confirm them together instead of one round trip each.
    public Task PublishAsync(IReadOnlyList<FeedEntry> entries, Guid feedId, CancellationToken cancellationToken) =>
        Task.WhenAll(entries.Select(entry => PublishAsync(entry, feedId, cancellationToken)));

    /// <summary>
    /// The span continues the trace of the request that made the change, so the broker's publish and the catalogue's
    /// consume land in that trace too, however long the entry waited.
    /// </summary>
    private async Task PublishAsync(FeedEntry entry, Guid feedId, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(entry.TraceParent, null, isRemote: true, out var requested);
        using var activity = HubTelemetry.Source.StartActivity("feed relay", ActivityKind.Internal, requested);
        activity?.SetTag("federation.feed.sequence", entry.Sequence);
        activity?.SetTag("federation.resource.id", entry.Resource.Id);
        await bus.Publish((object)entry.ToEvent(feedId), cancellationToken);
    }
}
