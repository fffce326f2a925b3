using System.Text.Json;
using Dapper;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Compute.Decisions;

/// <summary>The applications a facility received, their reviews and its decisions.</summary>
public sealed class ReceivedStore(NpgsqlDataSource database)
{
    /// <summary>Keeps an application as its home hub sent it; false when it is here already (a redelivery).</summary>
    public static async Task<bool> TryInsertAsync(
        ComputeApplication application, string state, string? reason, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO compute_received (id, call_id, hub_id, application, state, received_at, decided_at, decided_by, reason)
            VALUES (@Id, @CallId, @HubId, CAST(@json AS jsonb), @state, @now, @decidedAt, @decidedBy, @reason)
            ON CONFLICT (id) DO NOTHING
            """, new
        {
            application.Id, application.CallId, application.HubId, json = JsonSerializer.Serialize(application, FederationJson.Options), state, now,
            decidedAt = state == ReceivedApplication.Received ? (DateTimeOffset?)null : now, decidedBy = state == ReceivedApplication.Received ? null : "the call's rules",
            reason,
        }, work.Transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>The hub an application of this id came from, or null when none did.</summary>
    public static Task<string?> HubOfAsync(Guid id, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT hub_id FROM compute_received WHERE id = @id", new { id }, work.Transaction, cancellationToken: cancellationToken));

    /// <summary>The application, its row locked for the rest of the unit of work: reviews and decisions on it take turns.</summary>
    public static async Task<ReceivedApplication?> LockAsync(Guid id, HubUnitOfWork work, CancellationToken cancellationToken) =>
        (await ReadAsync(work.Connection, work.Transaction, "WHERE r.id = @id FOR UPDATE OF r", new { id }, cancellationToken)).FirstOrDefault();

    public static async Task<bool> DecideAsync(
        Guid id, string state, string decidedBy, string? reason, Guid? allocationId, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE compute_received SET state = @state, decided_at = @now, decided_by = @decidedBy, reason = @reason, allocation_id = @allocationId
             WHERE id = @id AND state = 'received'
            """, new { id, state, now, decidedBy, reason, allocationId }, work.Transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>Adds a reviewer's score; false when this reviewer scored the application already.</summary>
    public static async Task<bool> TryReviewAsync(
        Guid id, string reviewerSubject, string reviewerName, int score, string comment, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO compute_reviews (application_id, reviewer_sub, reviewer_name, score, comment, reviewed_at)
            VALUES (@id, @reviewerSubject, @reviewerName, @score, @comment, @now)
            ON CONFLICT DO NOTHING
            """, new { id, reviewerSubject, reviewerName, score, comment, now }, work.Transaction, cancellationToken: cancellationToken)) == 1;

    public async Task<ReceivedApplication?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return (await ReadAsync(connection, null, "WHERE r.id = @id", new { id }, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Applications to a call (or all calls), in one state (or all), oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedApplication>> ListAsync(Guid? callId, string? state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null,
            "WHERE (@callId::uuid IS NULL OR r.call_id = @callId) AND (@state::text IS NULL OR r.state = @state) ORDER BY r.received_at LIMIT 1000",
            new { callId, state }, cancellationToken);
    }

    private static async Task<IReadOnlyList<ReceivedApplication>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = new List<(Guid Id, string Json, string State, DateTimeOffset ReceivedAt, DateTimeOffset? DecidedAt, string? DecidedBy, string? Reason, Guid? AllocationId)>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"""
            SELECT r.id, r.application::text, r.state, r.received_at, r.decided_at, r.decided_by, r.reason, r.allocation_id
              FROM compute_received r {where}
            """, parameters, transaction, cancellationToken: cancellationToken)))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetGuid(7)));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var reviews = new List<(Guid ApplicationId, ApplicationReview Review)>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition("""
            SELECT application_id, reviewer_name, score, comment, reviewed_at FROM compute_reviews WHERE application_id = ANY(@ids) ORDER BY reviewed_at
            """, new { ids = rows.Select(r => r.Id).ToArray() }, transaction, cancellationToken: cancellationToken)))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                reviews.Add((reader.GetGuid(0), new ApplicationReview(reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4))));
            }
        }

        var byApplication = reviews.ToLookup(r => r.ApplicationId, r => r.Review);
        return [.. rows.Select(row => new ReceivedApplication(
            JsonSerializer.Deserialize<ComputeApplication>(row.Json, FederationJson.Options)!, row.State, [.. byApplication[row.Id]],
            row.ReceivedAt, row.DecidedAt, row.DecidedBy, row.Reason, row.AllocationId))];
    }

}
