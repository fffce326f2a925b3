using System.Diagnostics;
using Federation.Hub.Faults;
using Federation.Hub.Hosting;
using MassTransit;
using Npgsql;
using Federation.ServiceDefaults.Messaging;

namespace Federation.Hub.Feed;

/// <summary>
/// Publishes committed feed entries to the broker and marks them sent. At least once: a crash after publishing but
/// before marking sends an entry again, which the catalogue ignores because its version is not newer.
/// </summary>
public sealed partial class FeedRelay(
    HubFeed feed,
    NpgsqlDataSource database,
    FeedSignal signal,
    IBus bus,
    FaultInjection faults,
    HubTelemetry telemetry,
    ILogger<FeedRelay> logger) : SignalledRelay(signal, database, "feed")
{
    private const int BatchSize = 500;

    protected override async Task<bool> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var entries = await feed.ReadUnpublishedAsync(BatchSize, cancellationToken);
        if (entries.Count == 0)
        {
            return false;
        }

        var feedId = await feed.FeedIdAsync(cancellationToken);
        if (faults.ShouldScramble())
        {
            // Test only: what a relay that crashed after publishing, and a broker redelivering, look like downstream.
            var again = await feed.ReadBeforeAsync(entries[0].Sequence, 50, cancellationToken);
            foreach (var entry in entries.Concat(again).Reverse().Concat(entries))
            {
                await BrokerDeadline.SendAsync(token => bus.Publish((object)entry.ToEvent(feedId), token), cancellationToken);
            }
        }

        // Publishing the batch concurrently lets the broker confirm them together instead of one round trip each.
        await BrokerDeadline.SendAsync(token => Task.WhenAll(entries.Where(entry => !faults.ShouldDropPublish(entry.Sequence))
            .Select(entry => PublishAsync(entry, feedId, token))), cancellationToken);
        await feed.MarkPublishedAsync(entries.Select(entry => entry.Sequence).ToList(), cancellationToken);
        telemetry.EventsPublished(entries.Count);
        LogRelayed(logger, entries.Count, entries[0].Sequence, entries[^1].Sequence);
        return entries.Count == BatchSize;
    }

    /// <summary>
    /// Publishes one entry inside a span that continues the trace of the request that made the change, so the
    /// broker's publish and the catalogue's consume land in that trace too, however long the entry waited.
    /// </summary>
    private async Task PublishAsync(FeedEntry entry, Guid feedId, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(entry.TraceParent, null, isRemote: true, out var requested);
        using var activity = HubTelemetry.Source.StartActivity("feed relay", ActivityKind.Internal, requested);
        activity?.SetTag("federation.feed.sequence", entry.Sequence);
        activity?.SetTag("federation.resource.id", entry.Resource.Id);
        await bus.Publish((object)entry.ToEvent(feedId), cancellationToken);
    }

    protected override void OnRelayFailed(Exception exception) => LogRelayFailed(logger, exception);

    [LoggerMessage(LogLevel.Warning, "Relaying the feed failed; entries stay queued and are retried")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Debug, "Relayed {Count} feed entries ({First}..{Last})")]
    private static partial void LogRelayed(ILogger logger, int count, long first, long last);
}
