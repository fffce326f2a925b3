using Federation.Hub.Hosting;
using Federation.ServiceDefaults.Messaging;
using Npgsql;

namespace Federation.Hub.Feed;

/// <summary>
/// Publishes committed feed entries to the broker and marks them sent. At least once: a crash after publishing but
/// before marking sends an entry again, which the catalogue ignores because its version is not newer.
/// </summary>
public sealed partial class FeedRelay(
    HubFeed feed,
    NpgsqlDataSource database,
    FeedSignal signal,
    IFeedPublisher publisher,
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
        await BrokerDeadline.SendAsync(token => publisher.PublishAsync(entries, feedId, token), cancellationToken);
        await feed.MarkPublishedAsync(entries.Select(entry => entry.Sequence).ToList(), cancellationToken);
        telemetry.EventsPublished(entries.Count);
        LogRelayed(logger, entries.Count, entries[0].Sequence, entries[^1].Sequence);
        return entries.Count == BatchSize;
    }

    protected override void OnRelayFailed(Exception exception) => LogRelayFailed(logger, exception);

    [LoggerMessage(LogLevel.Warning, "Relaying the feed failed; entries stay queued and are retried")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Debug, "Relayed {Count} feed entries ({First}..{Last})")]
    private static partial void LogRelayed(ILogger logger, int count, long first, long last);
}
