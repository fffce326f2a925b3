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

    /// <summary>Writes how far the run is (also its heartbeat: a running run whose heartbeat stops was lost with its silo).</summary>
    public async Task ProgressAsync(RunRow run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE harvest_runs
               SET heartbeat_at = @Now, pages_read = @PagesRead, total_datasets = @TotalDatasets, datasets_seen = @DatasetsSeen,
                   created = @Created, updated = @Updated, unchanged = @Unchanged, withdrawn = @Withdrawn,
                   kept_local_edits = @KeptLocalEdits, refused = @Refused, would_withdraw = @WouldWithdraw,
                   refusals = CAST(@RefusalsJson AS jsonb)
             WHERE id = @Id
            """, Parameters(run, now), cancellationToken: cancellationToken));
    }

    /// <summary>Ends the run in its final state with its report.</summary>
    public async Task FinishAsync(RunRow run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE harvest_runs
               SET state = @State, finished_at = @Now, heartbeat_at = @Now, pages_read = @PagesRead, total_datasets = @TotalDatasets,
                   datasets_seen = @DatasetsSeen, created = @Created, updated = @Updated, unchanged = @Unchanged,
                   withdrawn = @Withdrawn, kept_local_edits = @KeptLocalEdits, refused = @Refused, would_withdraw = @WouldWithdraw,
                   refusals = CAST(@RefusalsJson AS jsonb), withheld = CAST(@WithheldJson AS jsonb), error = @Error
             WHERE id = @Id
            """, Parameters(run, now), cancellationToken: cancellationToken));
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

/// <summary>A run as stored, and as the harvester counts it while it goes.</summary>
public sealed class RunRow
{
    // A report lists at most this many refusals one by one; the count holds them all.
    public const int MaxListedRefusals = 500;

    public Guid Id { get; set; }
    public Guid SourceId { get; set; }
    public string State { get; set; } = "";
    public bool DryRun { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int PagesRead { get; set; }
    public int? TotalDatasets { get; set; }
    public int DatasetsSeen { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Withdrawn { get; set; }
    public int KeptLocalEdits { get; set; }
    public int Refused { get; set; }
    public int WouldWithdraw { get; set; }
    public string? Error { get; set; }
    public int Attempt { get; set; }

    public List<HarvestRefusal> Refusals { get; set; } = [];

    /// <summary>The source identifiers a held run would withdraw, for staff to confirm.</summary>
    public List<string> Withheld { get; set; } = [];

    // The two lists as the database holds them (jsonb).
    public string RefusalsJson
    {
        get => JsonSerializer.Serialize(Refusals, FederationJson.Options);
        set => Refusals = JsonSerializer.Deserialize<List<HarvestRefusal>>(value, FederationJson.Options) ?? [];
    }

    public string WithheldJson
    {
        get => JsonSerializer.Serialize(Withheld, FederationJson.Options);
        set => Withheld = JsonSerializer.Deserialize<List<string>>(value, FederationJson.Options) ?? [];
    }

    public void Refuse(string? sourceIdentifier, string? title, string reason)
    {
        Refused++;
        if (Refusals.Count < MaxListedRefusals)
        {
            Refusals.Add(new HarvestRefusal(sourceIdentifier, title, reason));
        }
    }

    public HarvestRun ToContract() => new(
        Id, SourceId, State, DryRun, StartedBy, QueuedAt, StartedAt, FinishedAt,
        StartedAt is { } start && FinishedAt is { } end ? (long)(end - start).TotalMilliseconds : null,
        PagesRead, TotalDatasets, DatasetsSeen, Created, Updated, Unchanged, Withdrawn, KeptLocalEdits, Refused, WouldWithdraw, Refusals, Error, Attempt);
}
