using System.Diagnostics;
using System.Text.Json;
using Federation.Contracts;
using Federation.Hub.Audit;
using Federation.Hub.Faults;
using Federation.Contracts.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Resources;

/// <summary>
/// Grain state in the hub's database. A change the federation must see is written together with its feed entry in
/// one transaction, so "state saved" and "event recorded" cannot come apart: the relay publishes the entry later,
/// however the process ends in between.
/// </summary>
public sealed class ResourceStore(NpgsqlDataSource database, AuditLog audit, FaultInjection faults)
{
    public async Task<ResourceSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT snapshot FROM hub_resources WHERE id = $1");
        command.Parameters.AddWithValue(id);
        var json = await command.ExecuteScalarAsync(cancellationToken) as string;
        return json is null ? null : Deserialize(json);
    }

    /// <summary>Stores a new draft; false when the id is taken.</summary>
    public async Task<bool> InsertDraftAsync(ResourceSnapshot draft, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO hub_resources (id, kind, state, version, created_at, modified_at, snapshot)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING
            """, connection, transaction);
        AddRow(command, draft);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await audit.AppendAsync(Audited("created", draft, actor), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Replaces the stored snapshot if it is still at <paramref name="expectedVersion"/>; with a <paramref name="change"/>
    /// also appends the feed entry and returns its sequence. Throws <see cref="StaleResourceException"/> when another
    /// writer got there first.
    /// </summary>
    public async Task<long?> SaveAsync(
        ResourceSnapshot next, int expectedVersion, FeedChange? change, AuditActor actor, string what, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long? sequence = null;
        if (change is { } feedChange)
        {
            await using var append = new NpgsqlCommand("""
                INSERT INTO hub_feed (resource_id, version, change, changed_by, occurred_at, snapshot, trace_parent)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING sequence
                """, connection, transaction);
            append.Parameters.AddWithValue(next.Id);
            append.Parameters.AddWithValue(next.Version);
            append.Parameters.AddWithValue(feedChange.ToColumn());
            append.Parameters.AddWithValue(actor.Describe());
            append.Parameters.AddWithValue(next.ModifiedAt);
            append.Parameters.AddWithValue(NpgsqlDbType.Jsonb, Serialize(next));
            append.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = TraceParent(), NpgsqlDbType = NpgsqlDbType.Text });
            sequence = (long)(await append.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var update = new NpgsqlCommand("""
            UPDATE hub_resources
               SET kind = $2, state = $3, version = $4, created_at = $5, modified_at = $6, snapshot = $7,
                   last_sequence = COALESCE($9, last_sequence),
                   digest_term = CASE WHEN $9 IS NULL THEN digest_term ELSE $10 END
             WHERE id = $1 AND version = $8
            """, connection, transaction);
        AddRow(update, next);
        update.Parameters.AddWithValue(expectedVersion);
        update.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = sequence, NpgsqlDbType = NpgsqlDbType.Bigint });
        update.Parameters.AddWithValue(ResourceDigest.Term(next.Id, next.Version));
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new StaleResourceException(next.Id, expectedVersion);
        }

        await audit.AppendAsync(Audited(what, next, actor), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (sequence is { } committed)
        {
            faults.CrashIfArmed(committed);
        }

        return sequence;
    }

    /// <summary>The current trace (the request's, or the grain call's within it), when one is being recorded.</summary>
    private static string? TraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Recorded: true } current ? current.Id : null;

    private static AuditEntry Audited(string what, ResourceSnapshot snapshot, AuditActor actor) => new(
        $"resource.{what}", "done", actor, snapshot.Id,
        Details: new Dictionary<string, string?> { ["version"] = snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["title"] = snapshot.Title });

    internal static string Serialize(ResourceSnapshot snapshot) => JsonSerializer.Serialize(snapshot, FederationJson.Options);

    internal static ResourceSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<ResourceSnapshot>(json, FederationJson.Options)
        ?? throw new InvalidDataException("A stored snapshot is empty.");

    private static void AddRow(NpgsqlCommand command, ResourceSnapshot snapshot)
    {
        command.Parameters.AddWithValue(snapshot.Id);
        command.Parameters.AddWithValue(snapshot.Kind.ToWireName());
        command.Parameters.AddWithValue(snapshot.State.ToWireName());
        command.Parameters.AddWithValue(snapshot.Version);
        command.Parameters.AddWithValue(snapshot.CreatedAt);
        command.Parameters.AddWithValue(snapshot.ModifiedAt);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, Serialize(snapshot));
    }
}
