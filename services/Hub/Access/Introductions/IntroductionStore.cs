using Federation.Contracts.Hub;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Access.Introductions;

public sealed class IntroductionStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id, offer_id, requester_hub, requester_sub, requester_name, organisation_name, message, state, requested_at, decided_at, decided_by, decision_reason
        """;

    /// <summary>Records a new pending request; false when the same person already has one pending for this offer.</summary>
    public static async Task<bool> TryInsertAsync(Introduction introduction, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO introductions ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, NULL, NULL, NULL)
            ON CONFLICT (offer_id, requester_hub, requester_sub) WHERE state = 'pending' DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue(introduction.Id);
        command.Parameters.AddWithValue(introduction.OfferId);
        command.Parameters.AddWithValue(introduction.RequesterHub);
        command.Parameters.AddWithValue(introduction.RequesterSubject);
        command.Parameters.AddWithValue(introduction.RequesterName);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = introduction.OrganisationName, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(introduction.Message);
        command.Parameters.AddWithValue(introduction.RequestedAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Introduction?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM introductions WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<Introduction>> ListAsync(string? state, (string Hub, string Subject)? requester, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM introductions
             WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR (requester_hub = $2 AND requester_sub = $3))
             ORDER BY requested_at DESC LIMIT 500
            """);
        command.Parameters.Add(Text(state));
        command.Parameters.Add(Text(requester?.Hub));
        command.Parameters.Add(Text(requester?.Subject));
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Decides a request that is still pending; false when it was decided already.</summary>
    public static async Task<bool> DecideAsync(
        Guid id, string state, string decidedBy, string? reason, DateTimeOffset now, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE introductions SET state = $2, decided_at = $3, decided_by = $4, decision_reason = $5 WHERE id = $1 AND state = 'pending'", connection, transaction);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(state);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(decidedBy);
        command.Parameters.Add(Text(reason));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static NpgsqlParameter<string?> Text(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static async Task<IReadOnlyList<Introduction>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<Introduction>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Introduction(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return list;
    }
}
