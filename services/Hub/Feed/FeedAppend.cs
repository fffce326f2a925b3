using System.Diagnostics;
using Dapper;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Federation.Hub.Resources;
using Npgsql;

namespace Federation.Hub.Feed;

/// <summary>Appends a change to <c>hub_feed</c> inside a unit of work; the row's sequence is the hub's sequence number.</summary>
internal static class FeedAppend
{
    // The snapshot goes as text and is cast to jsonb in SQL: Dapper would send a string as text, which PostgreSQL
    // does not convert to jsonb by itself.
    private const string Sql = """
        INSERT INTO hub_feed (resource_id, version, change, changed_by, occurred_at, snapshot, trace_parent)
        VALUES (@Id, @Version, @Change, @ChangedBy, @OccurredAt, CAST(@Snapshot AS jsonb), @TraceParent) RETURNING sequence
        """;

    public static Task<long> AppendAsync(
        ResourceSnapshot resource, FeedChange change, string changedBy, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            resource.Id,
            resource.Version,
            Change = change.ToWireName(),
            ChangedBy = changedBy,
            OccurredAt = resource.ModifiedAt,
            Snapshot = ResourceStore.Serialize(resource),
            TraceParent = TraceParent(),
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>The current trace (the request's, or the grain call's within it), when one is being recorded.</summary>
    private static string? TraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Recorded: true } current ? current.Id : null;
}
