using System.Text.Json;
using Dapper;
using Federation.Contracts.Harvest;
using Federation.Contracts.Serialization;
using Npgsql;

namespace Federation.Hub.Harvest;

/// <summary>
/// Runs as the hub keeps them: queued by hand or by the schedule (one active per source, held by a unique index),
/// claimed by one silo, their counts and heartbeat written as they go, their report kept when they end.
/// </summary>
public sealed class HarvestRunStore(NpgsqlDataSource database)
{
    private const string Columns = """
        id AS Id, source_id AS SourceId, state AS State, dry_run AS DryRun, started_by AS StartedBy, queued_at AS QueuedAt,
        started_at AS StartedAt, finished_at AS FinishedAt, pages_read AS PagesRead, total_datasets AS TotalDatasets,
        datasets_seen AS DatasetsSeen, created AS Created, updated AS Updated, unchanged AS Unchanged, withdrawn AS Withdrawn,
        kept_local_edits AS KeptLocalEdits, refused AS Refused, would_withdraw AS WouldWithdraw, refusals::text AS RefusalsJson,
        withheld::text AS WithheldJson, error AS Error, attempt AS Attempt
        """;

    /// <summary>Queues a run; null when the source has one queued or running already.</summary>
    public async Task<RunRow?> QueueAsync(Guid sourceId, bool dryRun, string startedBy, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = new RunRow { Id = Guid.CreateVersion7(), SourceId = sourceId, State = "queued", DryRun = dryRun, StartedBy = startedBy, QueuedAt = now, Attempt = attempt };
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO harvest_runs (id, source_id, state, dry_run, started_by, queued_at, attempt)
            VALUES (@Id, @SourceId, 'queued', @DryRun, @StartedBy, @QueuedAt, @Attempt)
            ON CONFLICT (source_id) WHERE state IN ('queued', 'running') DO NOTHING
            """, run, cancellationToken: cancellationToken));
        return inserted == 1 ? run : null;
    }

    /// <summary>Takes the oldest queued run for this silo to execute; null when none waits.</summary>
    public async Task<RunRow?> ClaimNextAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition($"""
            UPDATE harvest_runs SET state = 'running', started_at = @now, heartbeat_at = @now
             WHERE id = (SELECT id FROM harvest_runs WHERE state = 'queued' ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { now }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Writes how far the run is. Throws <see cref="HarvestRunLostException"/> when the run is no longer running here
    /// (another silo took it for lost): it must stop rather than write beside a second run.
    /// </summary>
    public async Task ProgressAsync(RunRow run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var written = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE harvest_runs
               SET heartbeat_at = @Now, pages_read = @PagesRead, total_datasets = @TotalDatasets, datasets_seen = @DatasetsSeen,
                   created = @Created, updated = @Updated, unchanged = @Unchanged, withdrawn = @Withdrawn,
                   kept_local_edits = @KeptLocalEdits, refused = @Refused, would_withdraw = @WouldWithdraw,
                   refusals = CAST(@RefusalsJson AS jsonb)
             WHERE id = @Id AND state = 'running'
            """, Parameters(run, now), cancellationToken: cancellationToken));
        if (written != 1)
        {
            throw new HarvestRunLostException(run.Id);
        }
    }

    /// <summary>The heartbeat alone, written on a timer while a run works (a long page, many writes, withdrawals).</summary>
    public async Task<bool> HeartbeatAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_runs SET heartbeat_at = @now WHERE id = @id AND state = 'running'", new { id, now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Ends the run in its final state with its report; false when it was no longer running here.</summary>
    public async Task<bool> FinishAsync(RunRow run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE harvest_runs
               SET state = @State, finished_at = @Now, heartbeat_at = @Now, pages_read = @PagesRead, total_datasets = @TotalDatasets,
                   datasets_seen = @DatasetsSeen, created = @Created, updated = @Updated, unchanged = @Unchanged,
                   withdrawn = @Withdrawn, kept_local_edits = @KeptLocalEdits, refused = @Refused, would_withdraw = @WouldWithdraw,
                   refusals = CAST(@RefusalsJson AS jsonb), withheld = CAST(@WithheldJson AS jsonb), error = @Error
             WHERE id = @Id AND state = 'running'
            """, Parameters(run, now), cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>What confirming a held run withdrew, added to its report (its duration stays the run's own).</summary>
    public async Task ConfirmedAsync(RunRow run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE harvest_runs SET withdrawn = @Withdrawn, kept_local_edits = @KeptLocalEdits, would_withdraw = 0
             WHERE id = @Id AND state = 'confirmed'
            """, run, cancellationToken: cancellationToken));
    }

    /// <summary>Runs whose silo stopped answering: failed, so that the schedule retries them.</summary>
    public async Task<IReadOnlyList<RunRow>> FailAbandonedAsync(DateTimeOffset heartbeatBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<RunRow>(new CommandDefinition($"""
            UPDATE harvest_runs SET state = 'failed', finished_at = @now, error = 'The hub stopped during the run; it is run again.'
             WHERE state = 'running' AND heartbeat_at < @heartbeatBefore
            RETURNING {Columns}
            """, new { heartbeatBefore, now }, cancellationToken: cancellationToken))];
    }

    public async Task<RunRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {Columns} FROM harvest_runs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<RunRow>> ListAsync(Guid sourceId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"SELECT {Columns} FROM harvest_runs WHERE source_id = @sourceId ORDER BY queued_at DESC, id DESC LIMIT @limit",
            new { sourceId, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>Moves a held run to confirmed, once: false when it is not held (any more) or not the source's latest run.</summary>
    public async Task<bool> ConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE harvest_runs r SET state = 'confirmed'
             WHERE r.id = @id AND r.state = 'held'
               AND NOT EXISTS (SELECT 1 FROM harvest_runs later WHERE later.source_id = r.source_id AND later.queued_at > r.queued_at AND NOT later.dry_run)
            """, new { id }, cancellationToken: cancellationToken)) == 1;
    }

    private static object Parameters(RunRow run, DateTimeOffset now) => new
    {
        run.Id, run.State, Now = now, run.PagesRead, run.TotalDatasets, run.DatasetsSeen, run.Created, run.Updated, run.Unchanged,
        run.Withdrawn, run.KeptLocalEdits, run.Refused, run.WouldWithdraw, run.Error, run.RefusalsJson, run.WithheldJson,
    };
}
