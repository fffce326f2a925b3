using System.Globalization;
using System.Numerics;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Federation.Hub.Resources;
using Npgsql;

namespace Federation.Hub.Feed;

/// <summary>Reads of the feed: what to relay, where it stands, and what to send again on a resync.</summary>
public sealed class HubFeed(NpgsqlDataSource database)
{
    /// <summary>Snapshot text per resync page at most (a page holds at least one resource).</summary>
    public const int MaxPageBytes = 4 * 1024 * 1024;

    private Guid? feedId;

    /// <summary>This feed's identity, read once: it changes only with the database.</summary>
    public async Task<Guid> FeedIdAsync(CancellationToken cancellationToken)
    {
        if (feedId is null)
        {
            await using var command = database.CreateCommand("SELECT feed_id FROM hub_feed_identity");
            feedId = (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return feedId.Value;
    }

    public async Task<IReadOnlyList<FeedEntry>> ReadUnpublishedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT sequence, change, snapshot, trace_parent FROM hub_feed WHERE published_at IS NULL ORDER BY sequence LIMIT $1
            """);
        command.Parameters.AddWithValue(limit);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    internal static async Task<IReadOnlyList<FeedEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<FeedEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var change = WireNames.TryParseWireName<FeedChange>(reader.GetString(1), out var parsed)
                ? parsed : throw new InvalidDataException($"Unknown feed change '{reader.GetString(1)}'.");
            entries.Add(new FeedEntry(reader.GetInt64(0), change, ResourceStore.Deserialize(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return entries;
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE hub_feed SET published_at = now() WHERE sequence = ANY($1)");
        command.Parameters.AddWithValue(sequences.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<FeedPosition> ReadPositionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // One snapshot of the database for all three figures, so they describe the same moment.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT min(sequence) FROM hub_feed WHERE published_at IS NULL),
                   (SELECT coalesce(max(sequence), 0) FROM hub_feed),
                   count(*), coalesce(sum(digest_term), 0)::text,
                   (SELECT feed_id FROM hub_feed_identity)
              FROM hub_resources WHERE last_sequence IS NOT NULL
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var firstUnpublished = reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0);
        var last = reader.GetInt64(1);
        var count = (int)reader.GetInt64(2);
        var sum = BigInteger.Parse(reader.GetString(3), CultureInfo.InvariantCulture);
        var digest = firstUnpublished is null ? ResourceDigest.Format((long)(ulong)(sum & ulong.MaxValue)) : null;
        return new FeedPosition(reader.GetGuid(4), firstUnpublished - 1 ?? last, last, count, digest);
    }

    /// <summary>
    /// The next page of a resync: resources whose latest entry lies in (after, upTo], in sequence order. The page
    /// covers up to its last resource's sequence, or to <paramref name="upTo"/> when it is the final page.
    /// </summary>
    public async Task<(IReadOnlyList<ResentResource> Resources, long CoveredThrough, bool IsLast)> ReadResyncPageAsync(
        long after, long upTo, int limit, CancellationToken cancellationToken, int maxBytes = MaxPageBytes)
    {
        await using var command = database.CreateCommand("""
            SELECT last_sequence, snapshot FROM hub_resources
             WHERE last_sequence > $1 AND last_sequence <= $2 ORDER BY last_sequence LIMIT $3
            """);
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(upTo);
        command.Parameters.AddWithValue(limit);
        var page = new List<ResentResource>();
        var bytes = 0L;
        var cut = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var json = reader.GetString(1);
            // Pages stay well below broker message limits however long the descriptions are.
            if (page.Count > 0 && bytes + json.Length > maxBytes)
            {
                cut = true;
                break;
            }

            bytes += json.Length;
            page.Add(new ResentResource(reader.GetInt64(0), ResourceStore.Deserialize(json).ForFederation()));
        }

        var isLast = !cut && page.Count < limit;
        return (page, isLast ? upTo : page[^1].Sequence, isLast);
    }
}
