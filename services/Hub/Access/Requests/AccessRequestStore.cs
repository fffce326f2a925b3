using Federation.Contracts.Hub;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Access.Requests;

public sealed class AccessRequestStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id, resource_id, requester_hub, requester_sub, requester_name, organisation_id, organisation_name, organisation_type,
        purpose, terms_accepted, state, requested_at, decided_at, decided_by, decision_reason, grant_id
        """;

    /// <summary>Records a new pending request; false when the same person already has one pending for this resource.</summary>
    public static async Task<bool> TryInsertAsync(AccessRequest request, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO access_requests ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, NULL, NULL, NULL, NULL)
            ON CONFLICT (resource_id, requester_hub, requester_sub) WHERE state = 'pending' DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue(request.Id);
        command.Parameters.AddWithValue(request.ResourceId);
        command.Parameters.AddWithValue(request.RequesterHub);
        command.Parameters.AddWithValue(request.RequesterSubject);
        command.Parameters.AddWithValue(request.RequesterName);
        command.Parameters.Add(Text(request.OrganisationId));
        command.Parameters.Add(Text(request.OrganisationName));
        command.Parameters.Add(Text(request.OrganisationType));
        command.Parameters.AddWithValue(request.Purpose);
        command.Parameters.AddWithValue(request.TermsAccepted);
        command.Parameters.AddWithValue(request.RequestedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<AccessRequest?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM access_requests WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<AccessRequest>> ListAsync(string? state, Guid? resourceId, (string Hub, string Subject)? requester, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM access_requests
             WHERE ($1::text IS NULL OR state = $1) AND ($2::uuid IS NULL OR resource_id = $2)
               AND ($3::text IS NULL OR (requester_hub = $3 AND requester_sub = $4))
             ORDER BY requested_at DESC LIMIT 500
            """);
        command.Parameters.Add(Text(state));
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = resourceId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(Text(requester?.Hub));
        command.Parameters.Add(Text(requester?.Subject));
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Decides a request that is still pending; null when it was decided already (by someone else, or before).</summary>
    public static async Task<AccessRequest?> DecideAsync(
        Guid id, string state, string decidedBy, string? reason, Guid? grantId, DateTimeOffset now,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE access_requests SET state = $2, decided_at = $3, decided_by = $4, decision_reason = $5, grant_id = $6
             WHERE id = $1 AND state = 'pending' RETURNING {Columns}
            """, connection, transaction);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(state);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(decidedBy);
        command.Parameters.Add(Text(reason));
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = grantId, NpgsqlDbType = NpgsqlDbType.Uuid });
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static NpgsqlParameter<string?> Text(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static async Task<IReadOnlyList<AccessRequest>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var requests = new List<AccessRequest>();
        while (await reader.ReadAsync(cancellationToken))
        {
            requests.Add(new AccessRequest(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8), reader.GetBoolean(9), reader.GetString(10),
                reader.GetFieldValue<DateTimeOffset>(11), reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.IsDBNull(15) ? null : reader.GetGuid(15)));
        }

        return requests;
    }
}
