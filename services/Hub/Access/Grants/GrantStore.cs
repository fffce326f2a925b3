using Federation.Contracts.Hub;
using Federation.Hub.Identity.Authorization;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Access.Grants;

public sealed class GrantStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id, resource_id, grantee_kind, grantee_hub, grantee_sub, grantee_org, request_id, granted_by, granted_at, expires_at,
        revoked_at, revoked_by, revoke_reason
        """;

    /// <summary>The live grant that lets this caller use the resource now, if any.</summary>
    public async Task<Grant?> FindLiveAsync(Guid resourceId, CallerIdentity caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM access_grants
             WHERE resource_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND grantee_hub = $3
               AND (grantee_kind = 'hub'
                    OR (grantee_kind = 'person' AND grantee_sub = $4)
                    OR (grantee_kind = 'organisation' AND grantee_org = $5))
             ORDER BY expires_at DESC LIMIT 1
            """);
        command.Parameters.AddWithValue(resourceId);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(caller.HomeHub);
        command.Parameters.AddWithValue(caller.HomeSubject);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = caller.OrganisationId, NpgsqlDbType = NpgsqlDbType.Text });
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<Grant?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM access_grants WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<Grant>> ListAsync(Guid? resourceId, bool liveOnly, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM access_grants
             WHERE ($1::uuid IS NULL OR resource_id = $1) AND (NOT $2 OR (revoked_at IS NULL AND expires_at > $3))
             ORDER BY granted_at DESC LIMIT 1000
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = resourceId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue(liveOnly);
        command.Parameters.AddWithValue(now);
        return await ReadAsync(command, cancellationToken);
    }

    public static async Task InsertAsync(Grant grant, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO access_grants ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, NULL, NULL)
            """, connection, transaction);
        command.Parameters.AddWithValue(grant.Id);
        command.Parameters.AddWithValue(grant.ResourceId);
        command.Parameters.AddWithValue(grant.GranteeKind);
        command.Parameters.AddWithValue(grant.GranteeHub);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = grant.GranteeSubject, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = grant.GranteeOrganisation, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = grant.RequestId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue(grant.GrantedBy);
        command.Parameters.AddWithValue(grant.GrantedAt);
        command.Parameters.AddWithValue(grant.ExpiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends a grant that is not yet revoked; returns it as revoked, or null when there was nothing to revoke.</summary>
    public static async Task<Grant?> RevokeAsync(
        Guid id, string revokedBy, string reason, DateTimeOffset now, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE access_grants SET revoked_at = $2, revoked_by = $3, revoke_reason = $4
             WHERE id = $1 AND revoked_at IS NULL RETURNING {Columns}
            """, connection, transaction);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(revokedBy);
        command.Parameters.AddWithValue(reason);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<Grant>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var grants = new List<Grant>();
        while (await reader.ReadAsync(cancellationToken))
        {
            grants.Add(new Grant(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return grants;
    }
}
