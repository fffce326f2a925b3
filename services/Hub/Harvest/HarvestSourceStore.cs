using Dapper;
using Federation.Contracts.Harvest;
using Federation.Hub.Audit;
using Federation.Hub.Writes;
using Npgsql;

namespace Federation.Hub.Harvest;

/// <summary>The sources staff registered, each change audited with it; and the scheduler's view of which are due.</summary>
public sealed class HarvestSourceStore(NpgsqlDataSource database, HubWrites writes)
{
    private const string Columns = """
        s.id AS Id, s.name AS Name, s.url AS Url, s.schedule AS Schedule, s.access_policy AS AccessPolicy, s.licence AS Licence,
        s.organisation AS Organisation, s.publisher AS Publisher, s.withdrawal_limit_percent AS WithdrawalLimitPercent,
        s.enabled AS Enabled, s.version AS Version, s.created_at AS CreatedAt, s.next_run_at AS NextRunAt,
        s.consecutive_failures AS ConsecutiveFailures,
        (SELECT count(*)::int FROM harvest_records r WHERE r.source_id = s.id AND NOT r.gone_from_source) AS Datasets
        """;

    public async Task<IReadOnlyList<SourceRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<SourceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM harvest_sources s ORDER BY s.name, s.id", cancellationToken: cancellationToken))];
    }

    public async Task<SourceRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM harvest_sources s WHERE s.id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Registers a source; false when another source has that address already.</summary>
    public async Task<bool> InsertAsync(SourceRow source, string createdBy, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        var inserted = await work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO harvest_sources (id, name, url, schedule, access_policy, licence, organisation, publisher,
                                         withdrawal_limit_percent, enabled, version, created_at, created_by, next_run_at)
            VALUES (@Id, @Name, @Url, @Schedule, @AccessPolicy, @Licence, @Organisation, @Publisher,
                    @WithdrawalLimitPercent, @Enabled, 1, @CreatedAt, @CreatedBy, @NextRunAt)
            ON CONFLICT (url) DO NOTHING
            """, new
        {
            source.Id, source.Name, source.Url, source.Schedule, source.AccessPolicy, source.Licence, source.Organisation, source.Publisher,
            source.WithdrawalLimitPercent, source.Enabled, source.CreatedAt, CreatedBy = createdBy, source.NextRunAt,
        }, work.Transaction, cancellationToken: cancellationToken));
        if (inserted != 1)
        {
            return false;
        }

        await work.AuditAsync(new AuditEntry("harvest.source-registered", "done", actor, Target: source.Url,
            Details: new Dictionary<string, string?> { ["source"] = source.Id.ToString(), ["name"] = source.Name }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Changes a source at the version staff saw; null when it moved on (or is gone), false when the address is another source's.</summary>
    public async Task<bool?> UpdateAsync(SourceRow source, int expectedVersion, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var work = await writes.BeginAsync(cancellationToken);
        try
        {
            var updated = await work.Connection.ExecuteAsync(new CommandDefinition("""
                UPDATE harvest_sources
                   SET name = @Name, url = @Url, schedule = @Schedule, access_policy = @AccessPolicy, licence = @Licence,
                       organisation = @Organisation, publisher = @Publisher, withdrawal_limit_percent = @WithdrawalLimitPercent,
                       enabled = @Enabled, next_run_at = @NextRunAt, version = version + 1
                 WHERE id = @Id AND version = @ExpectedVersion
                """, new
            {
                source.Id, source.Name, source.Url, source.Schedule, source.AccessPolicy, source.Licence, source.Organisation, source.Publisher,
                source.WithdrawalLimitPercent, source.Enabled, source.NextRunAt, ExpectedVersion = expectedVersion,
            }, work.Transaction, cancellationToken: cancellationToken));
            if (updated != 1)
            {
                return null;
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }

        await work.AuditAsync(new AuditEntry("harvest.source-changed", "done", actor, Target: source.Url,
            Details: new Dictionary<string, string?> { ["source"] = source.Id.ToString(), ["name"] = source.Name }), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The enabled sources whose next run is due and that have no run queued or running.</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT s.id FROM harvest_sources s
             WHERE s.enabled AND s.next_run_at <= @now
               AND NOT EXISTS (SELECT 1 FROM harvest_runs r WHERE r.source_id = s.id AND r.state IN ('queued', 'running'))
             ORDER BY s.next_run_at
            """, new { now }, cancellationToken: cancellationToken))];
    }

    /// <summary>When the source runs next and how many runs in a row have failed (the scheduler's own bookkeeping).</summary>
    public async Task ScheduleAsync(Guid id, DateTimeOffset? nextRunAt, int consecutiveFailures, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_sources SET next_run_at = @nextRunAt, consecutive_failures = @consecutiveFailures WHERE id = @id",
            new { id, nextRunAt, consecutiveFailures }, cancellationToken: cancellationToken));
    }
}
