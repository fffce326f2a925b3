using System.Data.Common;
using Dapper;
using Federation.Contracts.Hub;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Access.Introductions;

public sealed class IntroductionStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id, offer_id, requester_hub, requester_sub, requester_name, organisation_name, message, state, requested_at, decided_at, decided_by, decision_reason
        """;

    /// <summary>Records a new pending request; false when the same person already has one pending for this offer.</summary>
    public static async Task<bool> TryInsertAsync(Introduction introduction, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO introductions ({Columns})
            VALUES (@Id, @OfferId, @RequesterHub, @RequesterSubject, @RequesterName, @OrganisationName, @Message, 'pending', @RequestedAt, NULL, NULL, NULL)
            ON CONFLICT (offer_id, requester_hub, requester_sub) WHERE state = 'pending' DO NOTHING
            """, introduction, work.Transaction, cancellationToken: cancellationToken)) == 1;

    public async Task<Introduction?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await database.ReadAsync($"SELECT {Columns} FROM introductions WHERE id = @id", new { id }, Row, cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<Introduction>> ListAsync(string? state, (string Hub, string Subject)? requester, CancellationToken cancellationToken, int limit = 500) =>
        await database.ReadAsync($"""
            SELECT {Columns} FROM introductions
             WHERE (@state::text IS NULL OR state = @state) AND (@hub::text IS NULL OR (requester_hub = @hub AND requester_sub = @subject))
             ORDER BY requested_at DESC LIMIT @limit
            """, new { state, hub = requester?.Hub, subject = requester?.Subject, limit }, Row, cancellationToken);

    /// <summary>Decides a request that is still pending; false when it was decided already.</summary>
    public static async Task<bool> DecideAsync(
        Guid id, string state, string decidedBy, string? reason, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE introductions SET state = @state, decided_at = @now, decided_by = @decidedBy, decision_reason = @reason WHERE id = @id AND state = 'pending'",
            new { id, state, now, decidedBy, reason }, work.Transaction, cancellationToken: cancellationToken)) == 1;

    private static Introduction Row(DbDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11));
}
