using System.Data.Common;
using Dapper;
using Federation.Contracts.Hub;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Access.Grants;

public sealed class GrantStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id, resource_id, grantee_kind, grantee_hub, grantee_sub, grantee_org, request_id, granted_by, granted_at, expires_at,
        revoked_at, revoked_by, revoke_reason
        """;

    /// <summary>The live grant that lets this caller use the resource now, if any.</summary>
    public async Task<Grant?> FindLiveAsync(Guid resourceId, CallerIdentity caller, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await database.ReadAsync($"""
            SELECT {Columns} FROM access_grants
             WHERE resource_id = @resourceId AND revoked_at IS NULL AND expires_at > @now AND grantee_hub = @hub
               AND (grantee_kind = 'hub'
                    OR (grantee_kind = 'person' AND grantee_sub = @subject)
                    OR (grantee_kind = 'organisation' AND grantee_org = @organisation))
             ORDER BY expires_at DESC LIMIT 1
            """, new { resourceId, now, hub = caller.HomeHub, subject = caller.HomeSubject, organisation = caller.OrganisationId }, Row, cancellationToken))
        .FirstOrDefault();

    public async Task<Grant?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await database.ReadAsync($"SELECT {Columns} FROM access_grants WHERE id = @id", new { id }, Row, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<Grant>> ListAsync(Guid? resourceId, bool liveOnly, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ReadAsync($"""
            SELECT {Columns} FROM access_grants
             WHERE (@resourceId::uuid IS NULL OR resource_id = @resourceId) AND (NOT @liveOnly OR (revoked_at IS NULL AND expires_at > @now))
             ORDER BY granted_at DESC LIMIT 1000
            """, new { resourceId, liveOnly, now }, Row, cancellationToken);

    /// <summary>Every grant made to one person (live or not), for what the hub holds about them.</summary>
    public async Task<IReadOnlyList<Grant>> ListOfPersonAsync(string granteeHub, string granteeSubject, CancellationToken cancellationToken) =>
        await database.ReadAsync($"""
            SELECT {Columns} FROM access_grants
             WHERE grantee_kind = 'person' AND grantee_hub = @granteeHub AND grantee_sub = @granteeSubject
             ORDER BY granted_at DESC LIMIT 10000
            """, new { granteeHub, granteeSubject }, Row, cancellationToken);

    public static Task InsertAsync(Grant grant, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO access_grants ({Columns})
            VALUES (@Id, @ResourceId, @GranteeKind, @GranteeHub, @GranteeSubject, @GranteeOrganisation, @RequestId, @GrantedBy, @GrantedAt, @ExpiresAt,
                    NULL, NULL, NULL)
            """, grant, work.Transaction, cancellationToken: cancellationToken));

    /// <summary>Ends every live grant to one person (whose membership ended or was suspended); returns those it ended.</summary>
    public static async Task<IReadOnlyList<Grant>> RevokeAllOfPersonAsync(
        string granteeHub, string granteeSubject, string revokedBy, string reason, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.ReadAsync($"""
            UPDATE access_grants SET revoked_at = @now, revoked_by = @revokedBy, revoke_reason = @reason
             WHERE grantee_kind = 'person' AND grantee_hub = @granteeHub AND grantee_sub = @granteeSubject AND revoked_at IS NULL
            RETURNING {Columns}
            """, new { granteeHub, granteeSubject, now, revokedBy, reason }, Row, cancellationToken);

    /// <summary>Ends a grant that is not yet revoked; returns it as revoked, or null when there was nothing to revoke.</summary>
    public static async Task<Grant?> RevokeAsync(Guid id, string revokedBy, string reason, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        (await work.ReadAsync($"""
            UPDATE access_grants SET revoked_at = @now, revoked_by = @revokedBy, revoke_reason = @reason
             WHERE id = @id AND revoked_at IS NULL RETURNING {Columns}
            """, new { id, now, revokedBy, reason }, Row, cancellationToken)).FirstOrDefault();

    private static Grant Row(DbDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetString(7),
        reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12));
}
