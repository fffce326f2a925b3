using System.Text.Json;
using Dapper;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Federation.Hub.Audit;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Resources;

/// <summary>
/// Grain state in the hub's database. A change the federation must see is written together with its feed entry and
/// its audit record in one unit of work, so "state saved" and "event recorded" cannot come apart: the relay publishes
/// the entry later, however the process ends in between.
/// </summary>
public sealed class ResourceStore(NpgsqlDataSource database, HubWrites writes)
{
    // The snapshot travels as text and is cast to jsonb in SQL (Dapper sends strings as text).
    private const string Row = "@Id, @Kind, @State, @Version, @CreatedAt, @ModifiedAt, CAST(@Snapshot AS jsonb)";

    public async Task<ResourceSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition("SELECT snapshot::text FROM hub_resources WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return json is null ? null : Deserialize(json);
    }

    /// <summary>Stores a new draft; false when the id is taken.</summary>
    public async Task<bool> InsertDraftAsync(ResourceSnapshot draft, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        var inserted = await work.Connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO hub_resources (id, kind, state, version, created_at, modified_at, snapshot)
            VALUES ({Row}) ON CONFLICT (id) DO NOTHING
            """, RowOf(draft), work.Transaction, cancellationToken: cancellationToken));
        if (inserted != 1)
        {
            return false;
        }

        await KeepVersionAsync(work, draft, actor, cancellationToken);
        await work.AuditAsync(Audited("created", draft, actor), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Replaces the stored snapshot if it is still at <paramref name="expectedVersion"/>; with a <paramref name="change"/>
    /// also appends the feed entry and returns its sequence. Throws <see cref="StaleResourceException"/> when another
    /// writer got there first, and <see cref="CommitOutcomeUnknownException"/> when the commit did not answer.
    /// </summary>
    public async Task<long?> SaveAsync(
        ResourceSnapshot next, int expectedVersion, FeedChange? change, AuditActor actor, string what, CancellationToken cancellationToken = default)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        long? sequence = change is { } feedChange
            ? await work.AppendToFeedAsync(next, feedChange, actor.Describe(), cancellationToken)
            : null;
        var updated = await work.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE hub_resources
               SET kind = @Kind, state = @State, version = @Version, created_at = @CreatedAt, modified_at = @ModifiedAt,
                   snapshot = CAST(@Snapshot AS jsonb),
                   last_sequence = COALESCE(@Sequence, last_sequence),
                   digest_term = CASE WHEN @Sequence IS NULL THEN digest_term ELSE @DigestTerm END
             WHERE id = @Id AND version = @ExpectedVersion
            """, RowOf(next, expectedVersion, sequence), work.Transaction, cancellationToken: cancellationToken));
        if (updated != 1)
        {
            throw new StaleResourceException(next.Id, expectedVersion);
        }

        await KeepVersionAsync(work, next, actor, cancellationToken);
        await work.AuditAsync(Audited(what, next, actor), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return sequence;
    }

    // The version joins the resource's history in the same unit of work as the resource itself.
    private static Task KeepVersionAsync(HubUnitOfWork work, ResourceSnapshot snapshot, AuditActor actor, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub_resource_versions (resource_id, version, state, changed_at, changed_by, note, snapshot)
            VALUES (@Id, @Version, @State, @ModifiedAt, @ChangedBy, @Note, CAST(@Snapshot AS jsonb))
            ON CONFLICT (resource_id, version) DO NOTHING
            """, new
        {
            snapshot.Id, snapshot.Version, State = snapshot.State.ToWireName(), snapshot.ModifiedAt, ChangedBy = actor.Describe(), Note = snapshot.ChangeNote,
            Snapshot = Serialize(snapshot),
        }, work.Transaction, cancellationToken: cancellationToken));

    private static AuditEntry Audited(string what, ResourceSnapshot snapshot, AuditActor actor) => new(
        $"resource.{what}", "done", actor, snapshot.Id,
        Details: new Dictionary<string, string?> { ["version"] = snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["title"] = snapshot.Title });

    internal static string Serialize(ResourceSnapshot snapshot) => JsonSerializer.Serialize(snapshot, FederationJson.Options);

    internal static ResourceSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<ResourceSnapshot>(json, FederationJson.Options)
        ?? throw new InvalidDataException("A stored snapshot is empty.");

    private static object RowOf(ResourceSnapshot snapshot, int expectedVersion = 0, long? sequence = null) => new
    {
        snapshot.Id,
        Kind = snapshot.Kind.ToWireName(),
        State = snapshot.State.ToWireName(),
        snapshot.Version,
        snapshot.CreatedAt,
        snapshot.ModifiedAt,
        Snapshot = Serialize(snapshot),
        ExpectedVersion = expectedVersion,
        Sequence = sequence,
        DigestTerm = ResourceDigest.Term(snapshot.Id, snapshot.Version),
    };
}
