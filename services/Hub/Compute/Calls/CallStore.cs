using Dapper;
using Federation.Contracts.Compute;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Compute.Calls;

/// <summary>A facility's calls in its database.</summary>
public sealed class CallStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id, offer_id, offer_title, title, description, access_mode, capacity_hours, awarded_hours, eligibility, deadline, required_reviews,
        allocation_start, allocation_end, opened_at, closed_at, max_allocation_hours
        """;

    public static Task InsertAsync(ComputeCall call, string openedBy, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO compute_calls (id, offer_id, offer_title, title, description, access_mode, capacity_hours, eligibility, deadline,
                                       required_reviews, allocation_start, allocation_end, opened_at, opened_by, max_allocation_hours)
            VALUES (@Id, @OfferId, @OfferTitle, @Title, @Description, @AccessMode, @CapacityHours, @Eligibility, @Deadline, @RequiredReviews,
                    @AllocationStart, @AllocationEnd, @OpenedAt, @openedBy, @MaxAllocationHours)
            """, new
        {
            call.Id, call.OfferId, call.OfferTitle, call.Title, call.Description, call.AccessMode, call.CapacityHours, Eligibility = call.Eligibility.ToArray(),
            call.Deadline, call.RequiredReviews, call.AllocationStart, call.AllocationEnd, call.OpenedAt, openedBy, call.MaxAllocationHours,
        }, work.Transaction, cancellationToken: cancellationToken));

    /// <summary>Closes an open call; false when it was closed already.</summary>
    public static async Task<bool> CloseAsync(Guid id, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE compute_calls SET closed_at = @now WHERE id = @id AND closed_at IS NULL", new { id, now }, work.Transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>The call, its row locked for the rest of the unit of work: awards against it take turns.</summary>
    public static Task<ComputeCall?> LockAsync(Guid id, string facilityId, HubUnitOfWork work, CancellationToken cancellationToken) =>
        ReadOneAsync(work.Connection, work.Transaction, $"SELECT {Columns} FROM compute_calls WHERE id = @id FOR UPDATE", id, facilityId, cancellationToken);

    public static Task AddAwardedAsync(Guid id, long hours, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE compute_calls SET awarded_hours = awarded_hours + @hours WHERE id = @id", new { id, hours }, work.Transaction, cancellationToken: cancellationToken));

    public async Task<ComputeCall?> FindAsync(Guid id, string facilityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await ReadOneAsync(connection, null, $"SELECT {Columns} FROM compute_calls WHERE id = @id", id, facilityId, cancellationToken);
    }

    /// <summary>Calls newest deadline first: open ones (<paramref name="open"/> true), closed ones (false), or all.</summary>
    public async Task<IReadOnlyList<ComputeCall>> ListAsync(bool? open, DateTimeOffset now, string facilityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var filter = open switch
        {
            true => "WHERE closed_at IS NULL AND deadline >= @now",
            false => "WHERE closed_at IS NOT NULL OR deadline < @now",
            null => "",
        };
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM compute_calls {filter} ORDER BY deadline DESC LIMIT 500", connection);
        command.Parameters.AddWithValue("now", now);
        return await ReadAsync(command, facilityId, cancellationToken);
    }

    private static async Task<ComputeCall?> ReadOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Guid id, string facilityId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        return (await ReadAsync(command, facilityId, cancellationToken)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<ComputeCall>> ReadAsync(NpgsqlCommand command, string facilityId, CancellationToken cancellationToken)
    {
        var calls = new List<ComputeCall>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            calls.Add(new ComputeCall(
                reader.GetGuid(0), facilityId, reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetFieldValue<string[]>(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetInt32(10),
                reader.GetFieldValue<DateOnly>(11), reader.GetFieldValue<DateOnly>(12), reader.GetFieldValue<DateTimeOffset>(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14), reader.IsDBNull(15) ? null : reader.GetInt64(15)));
        }

        return calls;
    }
}
