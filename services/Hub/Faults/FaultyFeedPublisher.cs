using Federation.Hub.Feed;
using Npgsql;

namespace Federation.Hub.Faults;

/// <summary>
/// Wraps the feed publisher. A dropped entry is not published but still marked sent (a lost event, for the catalogue's
/// gap detection to repair); a scrambled batch first goes out newest first, together with up to 50 older entries, then
/// in order, and then once more as usual: what a relay that crashed after publishing, and a broker redelivering, look like downstream.
/// </summary>
public sealed partial class FaultyFeedPublisher(IFeedPublisher inner, FaultInjection faults, NpgsqlDataSource database, ILogger<FaultyFeedPublisher> logger)
    : IFeedPublisher
{
    public async Task PublishAsync(IReadOnlyList<FeedEntry> entries, Guid feedId, CancellationToken cancellationToken)
    {
        if (faults.TakeScramble())
        {
            var again = await ReadPublishedBeforeAsync(entries[0].Sequence, 50, cancellationToken);
            foreach (var entry in entries.Concat(again).Reverse().Concat(entries))
            {
                await inner.PublishAsync([entry], feedId, cancellationToken);
            }
        }

        var kept = new List<FeedEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (faults.TakeDrop())
            {
                LogDropped(logger, entry.Sequence);
            }
            else
            {
                kept.Add(entry);
            }
        }

        await inner.PublishAsync(kept, feedId, cancellationToken);
    }

    /// <summary>Entries already published just before <paramref name="sequence"/>, newest first.</summary>
    private async Task<IReadOnlyList<FeedEntry>> ReadPublishedBeforeAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT sequence, change, snapshot, trace_parent FROM hub_feed WHERE sequence < $1 AND published_at IS NOT NULL ORDER BY sequence DESC LIMIT $2
            """);
        command.Parameters.AddWithValue(sequence);
        command.Parameters.AddWithValue(limit);
        return await HubFeed.ReadEntriesAsync(command, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Fault injection: feed entry {Sequence} marked sent without publishing it")]
    private static partial void LogDropped(ILogger logger, long sequence);
}
