using System.Data.Common;
using Dapper;
using Federation.Contracts.Hub;
using Federation.Hub.Audit;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Artifacts;

/// <summary>The hub's list of artifacts: which resource each belongs to, its size, type and SHA-256, and where it is stored.</summary>
public sealed class ArtifactRecords(NpgsqlDataSource database, HubWrites writes)
{
    private const string Columns = "id, resource_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at";

    /// <summary>Lists a stored upload, with its audit record, in one unit of work.</summary>
    public async Task RecordUploadAsync(Artifact artifact, string storageKey, AuditActor uploader, CancellationToken cancellationToken)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        await work.Connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO hub_artifacts ({Columns}, storage_key)
            VALUES (@Id, @ResourceId, @FileName, @MediaType, @SizeBytes, @Sha256, @UploadedBy, @UploadedAt, @StorageKey)
            """, new
        {
            artifact.Id, artifact.ResourceId, artifact.FileName, artifact.MediaType, artifact.SizeBytes, artifact.Sha256, artifact.UploadedBy,
            artifact.UploadedAt, StorageKey = storageKey,
        }, work.Transaction, cancellationToken: cancellationToken));
        await work.AuditAsync(new AuditEntry("artifact.uploaded", "done", uploader, artifact.ResourceId, artifact.Id.ToString(), Details: new Dictionary<string, string?>
        {
            ["fileName"] = artifact.FileName, ["sizeBytes"] = artifact.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ["sha256"] = artifact.Sha256,
        }), cancellationToken);
        await work.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Artifact>> ListAsync(Guid resourceId, CancellationToken cancellationToken) =>
        await database.ReadAsync($"SELECT {Columns} FROM hub_artifacts WHERE resource_id = @resourceId ORDER BY uploaded_at", new { resourceId },
            reader => Row(reader), cancellationToken);

    public async Task<(Artifact Artifact, string StorageKey)?> FindAsync(Guid resourceId, Guid artifactId, CancellationToken cancellationToken)
    {
        var found = await database.ReadAsync($"SELECT {Columns}, storage_key FROM hub_artifacts WHERE resource_id = @resourceId AND id = @artifactId",
            new { resourceId, artifactId }, reader => (Artifact: Row(reader), StorageKey: reader.GetString(8)), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static Artifact Row(DbDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
        reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7));
}
