using Dapper;
using Federation.Contracts.Harvest;
using Npgsql;

namespace Federation.Hub.Harvest;

/// <summary>Which resource of the hub stands for which dataset of a source, and what the harvester last wrote there.</summary>
public sealed class HarvestRecordStore(NpgsqlDataSource database)
{
    private const string Columns = """
        source_id AS SourceId, source_identifier AS SourceIdentifier, resource_id AS ResourceId, content_hash AS ContentHash,
        harvested_version AS HarvestedVersion, first_seen_at AS FirstSeenAt, last_seen_at AS LastSeenAt,
        last_changed_at AS LastChangedAt, source_modified AS SourceModified, source_changed_since_edit AS SourceChangedSinceEdit,
        gone_from_source AS GoneFromSource
        """;

    public async Task<Dictionary<string, RecordRow>> ForSourceAsync(Guid sourceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RecordRow>(new CommandDefinition(
            $"SELECT {Columns} FROM harvest_records WHERE source_id = @sourceId", new { sourceId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.SourceIdentifier, StringComparer.Ordinal);
    }

    public async Task SaveAsync(RecordRow record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO harvest_records (source_id, source_identifier, resource_id, content_hash, harvested_version, first_seen_at,
                                         last_seen_at, last_changed_at, source_modified, source_changed_since_edit, gone_from_source)
            VALUES (@SourceId, @SourceIdentifier, @ResourceId, @ContentHash, @HarvestedVersion, @FirstSeenAt,
                    @LastSeenAt, @LastChangedAt, @SourceModified, @SourceChangedSinceEdit, @GoneFromSource)
            ON CONFLICT (source_id, source_identifier) DO UPDATE
               SET resource_id = EXCLUDED.resource_id, content_hash = EXCLUDED.content_hash, harvested_version = EXCLUDED.harvested_version,
                   last_seen_at = EXCLUDED.last_seen_at, last_changed_at = EXCLUDED.last_changed_at, source_modified = EXCLUDED.source_modified,
                   source_changed_since_edit = EXCLUDED.source_changed_since_edit, gone_from_source = EXCLUDED.gone_from_source
            """, record, cancellationToken: cancellationToken));
    }

    /// <summary>Marks the datasets a page showed unchanged as seen, in one statement.</summary>
    public async Task SeenAsync(Guid sourceId, IReadOnlyCollection<string> identifiers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (identifiers.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_records SET last_seen_at = @now WHERE source_id = @sourceId AND source_identifier = ANY(@identifiers)",
            new { sourceId, identifiers = identifiers.ToArray(), now }, cancellationToken: cancellationToken));
    }

    /// <summary>Where a resource comes from, if it was harvested.</summary>
    public async Task<ResourceProvenance?> ProvenanceAsync(Guid resourceId, int currentVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProvenanceRow>(new CommandDefinition("""
            SELECT r.resource_id AS ResourceId, r.source_id AS SourceId, s.name AS SourceName, s.url AS SourceUrl,
                   r.source_identifier AS SourceIdentifier, r.first_seen_at AS FirstSeenAt, r.last_seen_at AS LastSeenAt,
                   r.last_changed_at AS LastChangedAt, r.source_modified AS SourceModified, r.harvested_version AS HarvestedVersion,
                   r.source_changed_since_edit AS SourceChangedSinceEdit, r.gone_from_source AS GoneFromSource
              FROM harvest_records r JOIN harvest_sources s ON s.id = r.source_id
             WHERE r.resource_id = @resourceId
            """, new { resourceId }, cancellationToken: cancellationToken));
        return row is null ? null : new ResourceProvenance(
            row.ResourceId, row.SourceId, row.SourceName, row.SourceUrl, row.SourceIdentifier, row.FirstSeenAt, row.LastSeenAt, row.LastChangedAt,
            row.SourceModified, EditedLocally: currentVersion != row.HarvestedVersion, row.SourceChangedSinceEdit, row.GoneFromSource);
    }

    /// <summary>
    /// Hands a locally edited resource back to its source: the next run takes the source's word again (the stored hash
    /// is cleared so that it differs). False when the resource was not harvested.
    /// </summary>
    public async Task<bool> ResumeAsync(Guid resourceId, int currentVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE harvest_records SET harvested_version = @currentVersion, content_hash = '', source_changed_since_edit = false
             WHERE resource_id = @resourceId
            """, new { resourceId, currentVersion }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed class ProvenanceRow
    {
        public Guid ResourceId { get; set; }
        public Guid SourceId { get; set; }
        public string SourceName { get; set; } = "";
        public string SourceUrl { get; set; } = "";
        public string SourceIdentifier { get; set; } = "";
        public DateTimeOffset FirstSeenAt { get; set; }
        public DateTimeOffset LastSeenAt { get; set; }
        public DateTimeOffset LastChangedAt { get; set; }
        public DateTimeOffset? SourceModified { get; set; }
        public int HarvestedVersion { get; set; }
        public bool SourceChangedSinceEdit { get; set; }
        public bool GoneFromSource { get; set; }
    }
}
