using Dapper;
using Federation.Contracts.Compute;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Compute.Calls;

/// <summary>A facility's calls in its database.</summary>
public sealed class CallStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id AS Id, offer_id AS OfferId, offer_title AS OfferTitle, title AS Title, description AS Description, access_mode AS AccessMode,
        capacity_hours AS CapacityHours, awarded_hours AS AwardedHours, eligibility AS Eligibility, deadline AS Deadline,
        required_reviews AS RequiredReviews, allocation_start AS AllocationStart, allocation_end AS AllocationEnd, opened_at AS OpenedAt,
        closed_at AS ClosedAt
        """;

    public static Task InsertAsync(ComputeCall call, string openedBy, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO compute_calls (id, offer_id, offer_title, title, description, access_mode, capacity_hours, eligibility, deadline,
                                       required_reviews, allocation_start, allocation_end, opened_at, opened_by)
            VALUES (@Id, @OfferId, @OfferTitle, @Title, @Description, @AccessMode, @CapacityHours, @Eligibility, @Deadline, @RequiredReviews,
                    @AllocationStart, @AllocationEnd, @OpenedAt, @openedBy)
            """, new
        {
            call.Id, call.OfferId, call.OfferTitle, call.Title, call.Description, call.AccessMode, call.CapacityHours, Eligibility = call.Eligibility.ToArray(),
            call.Deadline, call.RequiredReviews, call.AllocationStart, call.AllocationEnd, call.OpenedAt, openedBy,
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
        var rows = await connection.QueryAsync<CallRow>(new CommandDefinition(
            $"SELECT {Columns} FROM compute_calls {filter} ORDER BY deadline DESC LIMIT 500", new { now }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToCall(facilityId))];
    }

    private static async Task<ComputeCall?> ReadOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Guid id, string facilityId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition(sql, new { id }, transaction, cancellationToken: cancellationToken)))?.ToCall(facilityId);

    private sealed record CallRow(
        Guid Id, Guid OfferId, string OfferTitle, string Title, string Description, string AccessMode, long CapacityHours, long AwardedHours,
        string[] Eligibility, DateTimeOffset Deadline, int RequiredReviews, DateTime AllocationStart, DateTime AllocationEnd, DateTimeOffset OpenedAt,
        DateTimeOffset? ClosedAt)
    {
        public ComputeCall ToCall(string facilityId) => new(Id, facilityId, OfferId, OfferTitle, Title, Description, AccessMode, CapacityHours, AwardedHours,
            Eligibility, Deadline, RequiredReviews, DateOnly.FromDateTime(AllocationStart), DateOnly.FromDateTime(AllocationEnd), OpenedAt, ClosedAt);
    }
}
