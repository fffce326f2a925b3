using System.Data.Common;
using Dapper;
using Federation.Contracts.Hub;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Access.Requests;

public sealed class AccessRequestStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id, resource_id, requester_hub, requester_sub, requester_name, organisation_id, organisation_name, organisation_type,
        purpose, terms_accepted, state, requested_at, decided_at, decided_by, decision_reason, grant_id
        """;

    /// <summary>Records a new pending request; false when the same person already has one pending for this resource.</summary>
    public static async Task<bool> TryInsertAsync(AccessRequest request, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO access_requests ({Columns})
            VALUES (@Id, @ResourceId, @RequesterHub, @RequesterSubject, @RequesterName, @OrganisationId, @OrganisationName, @OrganisationType,
                    @Purpose, @TermsAccepted, 'pending', @RequestedAt, NULL, NULL, NULL, NULL)
            ON CONFLICT (resource_id, requester_hub, requester_sub) WHERE state = 'pending' DO NOTHING
            """, request, work.Transaction, cancellationToken: cancellationToken)) == 1;

    public async Task<AccessRequest?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await database.ReadAsync($"SELECT {Columns} FROM access_requests WHERE id = @id", new { id }, Row, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<AccessRequest>> ListAsync(
        string? state, Guid? resourceId, (string Hub, string Subject)? requester, CancellationToken cancellationToken, int limit = 500) =>
        await database.ReadAsync($"""
            SELECT {Columns} FROM access_requests
             WHERE (@state::text IS NULL OR state = @state) AND (@resourceId::uuid IS NULL OR resource_id = @resourceId)
               AND (@hub::text IS NULL OR (requester_hub = @hub AND requester_sub = @subject))
             ORDER BY requested_at DESC LIMIT @limit
            """, new { state, resourceId, hub = requester?.Hub, subject = requester?.Subject, limit }, Row, cancellationToken);

    /// <summary>Decides a request that is still pending; null when it was decided already (by someone else, or before).</summary>
    public static async Task<AccessRequest?> DecideAsync(
        Guid id, string state, string decidedBy, string? reason, Guid? grantId, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        (await work.ReadAsync($"""
            UPDATE access_requests SET state = @state, decided_at = @now, decided_by = @decidedBy, decision_reason = @reason, grant_id = @grantId
             WHERE id = @id AND state = 'pending' RETURNING {Columns}
            """, new { id, state, now, decidedBy, reason, grantId }, Row, cancellationToken)).FirstOrDefault();

    private static AccessRequest Row(DbDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8), reader.GetBoolean(9), reader.GetString(10),
        reader.GetFieldValue<DateTimeOffset>(11), reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetString(14),
        reader.IsDBNull(15) ? null : reader.GetGuid(15));
}
