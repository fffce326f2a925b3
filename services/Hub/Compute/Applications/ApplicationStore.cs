using System.Text.Json;
using Dapper;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Compute.Applications;

/// <summary>
/// The applications this hub's members sent, each kept whole as JSON beside the columns it is found by. A change of
/// state names the state it expects, so two staff deciding at once cannot both win.
/// </summary>
public sealed class ApplicationStore(NpgsqlDataSource database)
{
    /// <summary>Stores a new application; false when the member already answered this call.</summary>
    public static async Task<bool> TryInsertAsync(ComputeApplication application, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO compute_applications (id, member_sub, facility_id, call_id, state, application, submitted_at, updated_at)
            VALUES (@Id, @ApplicantSubject, @FacilityId, @CallId, @State, CAST(@json AS jsonb), @SubmittedAt, @UpdatedAt)
            ON CONFLICT (member_sub, call_id) DO NOTHING
            """, new
        {
            application.Id, application.ApplicantSubject, application.FacilityId, application.CallId, application.State,
            json = JsonSerializer.Serialize(application, FederationJson.Options), application.SubmittedAt, application.UpdatedAt,
        }, work.Transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>Replaces the application if it is still in <paramref name="expectedState"/>; false when it moved on meanwhile.</summary>
    public static async Task<bool> ReplaceAsync(ComputeApplication application, string expectedState, HubUnitOfWork work, CancellationToken cancellationToken) =>
        await work.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE compute_applications SET state = @State, application = CAST(@json AS jsonb), updated_at = @UpdatedAt
             WHERE id = @Id AND state = @expectedState
            """, new { application.Id, application.State, json = JsonSerializer.Serialize(application, FederationJson.Options), application.UpdatedAt, expectedState },
            work.Transaction, cancellationToken: cancellationToken)) == 1;

    public static async Task<ComputeApplication?> LockAsync(Guid id, HubUnitOfWork work, CancellationToken cancellationToken) =>
        Read(await work.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT application::text FROM compute_applications WHERE id = @id FOR UPDATE", new { id }, work.Transaction, cancellationToken: cancellationToken)));

    public async Task<ComputeApplication?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return Read(await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT application::text FROM compute_applications WHERE id = @id", new { id }, cancellationToken: cancellationToken)));
    }

    /// <summary>The application here whose award made <paramref name="allocationId"/>, or null when none did.</summary>
    public async Task<ComputeApplication?> OfAllocationAsync(Guid allocationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return Read(await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT application::text FROM compute_applications WHERE state = 'awarded' AND application #>> '{allocation,allocationId}' = @allocation LIMIT 1",
            new { allocation = allocationId.ToString() }, cancellationToken: cancellationToken)));
    }

    /// <summary>A member's applications, newest first.</summary>
    public async Task<IReadOnlyList<ComputeApplication>> OfMemberAsync(string memberSubject, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT application::text FROM compute_applications WHERE member_sub = @memberSubject ORDER BY submitted_at DESC LIMIT 500",
            new { memberSubject }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => Read(row)!)];
    }

    /// <summary>Applications in one state (all when null), oldest first: the staff's queue.</summary>
    public async Task<IReadOnlyList<ComputeApplication>> InStateAsync(string? state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT application::text FROM compute_applications WHERE @state::text IS NULL OR state = @state ORDER BY submitted_at LIMIT 1000",
            new { state }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => Read(row)!)];
    }

    private static ComputeApplication? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<ComputeApplication>(json, FederationJson.Options);
}
