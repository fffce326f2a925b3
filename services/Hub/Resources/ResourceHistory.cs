using Dapper;
using Federation.Contracts;
using Federation.Contracts.History;
using Federation.Contracts.Serialization;
using Npgsql;

namespace Federation.Hub.Resources;

/// <summary>
/// The versions of a resource as its hub keeps them (<c>hub_resource_versions</c>, written with each change). Who is
/// not staff sees only versions the federation saw (published or withdrawn after it), never drafts, and each as the
/// federation sees it.
/// </summary>
public sealed class ResourceHistory(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<ResourceVersion>> ListAsync(Guid id, bool staff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition("""
            SELECT version AS Version, state AS State, changed_at AS ChangedAt, changed_by AS ChangedBy, note AS Note, snapshot->>'title' AS Title
              FROM hub_resource_versions
             WHERE resource_id = @id AND (@staff OR state <> 'draft')
             ORDER BY version DESC
            """, new { id, staff }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new ResourceVersion(row.Version, WireNames.TryParseWireName<ResourceState>(row.State, out var state) ? state : ResourceState.Draft,
            row.ChangedAt, staff ? row.ChangedBy : "", row.Note, row.Title ?? ""))];
    }

    /// <summary>The resource as it was at <paramref name="version"/>; null when there is no such version the caller may see.</summary>
    public async Task<ResourceSnapshot?> FindAsync(Guid id, int version, bool staff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            SELECT snapshot::text FROM hub_resource_versions
             WHERE resource_id = @id AND version = @version AND (@staff OR state <> 'draft')
            """, new { id, version, staff }, cancellationToken: cancellationToken));
        return json is null ? null : staff ? ResourceStore.Deserialize(json) : ResourceStore.Deserialize(json).ForFederation();
    }

    private sealed class VersionRow
    {
        public int Version { get; set; }
        public string State { get; set; } = "";
        public DateTimeOffset ChangedAt { get; set; }
        public string ChangedBy { get; set; } = "";
        public string? Note { get; set; }
        public string? Title { get; set; }
    }
}
