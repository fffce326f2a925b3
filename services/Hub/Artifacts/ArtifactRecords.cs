using Federation.Contracts.Hub;
using Npgsql;

namespace Federation.Hub.Artifacts;

/// <summary>The hub's list of artifacts: which resource each belongs to, its size, type and SHA-256, and where it is stored.</summary>
public sealed class ArtifactRecords(NpgsqlDataSource database)
{
    public static async Task InsertAsync(Artifact artifact, string storageKey, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO hub_artifacts (id, resource_id, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, connection, transaction);
        command.Parameters.AddWithValue(artifact.Id);
        command.Parameters.AddWithValue(artifact.ResourceId);
        command.Parameters.AddWithValue(artifact.FileName);
        command.Parameters.AddWithValue(artifact.MediaType);
        command.Parameters.AddWithValue(artifact.SizeBytes);
        command.Parameters.AddWithValue(artifact.Sha256);
        command.Parameters.AddWithValue(storageKey);
        command.Parameters.AddWithValue(artifact.UploadedBy);
        command.Parameters.AddWithValue(artifact.UploadedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Artifact>> ListAsync(Guid resourceId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT id, resource_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at FROM hub_artifacts WHERE resource_id = $1 ORDER BY uploaded_at");
        command.Parameters.AddWithValue(resourceId);
        return [.. (await ReadAsync(command, cancellationToken)).Select(found => found.Artifact)];
    }

    public async Task<(Artifact Artifact, string StorageKey)?> FindAsync(Guid resourceId, Guid artifactId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT id, resource_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at, storage_key
              FROM hub_artifacts WHERE resource_id = $1 AND id = $2
            """);
        command.Parameters.AddWithValue(resourceId);
        command.Parameters.AddWithValue(artifactId);
        var found = await ReadAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<List<(Artifact Artifact, string StorageKey)>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var artifacts = new List<(Artifact, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var artifact = new Artifact(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
                reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7));
            artifacts.Add((artifact, reader.FieldCount > 8 ? reader.GetString(8) : ""));
        }

        return artifacts;
    }
}
