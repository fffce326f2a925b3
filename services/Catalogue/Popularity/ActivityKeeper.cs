using System.Diagnostics.Metrics;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging;
using Federation.ServiceDefaults.Messaging.Signing;
using Npgsql;

namespace Federation.Catalogue.Popularity;

/// <summary>
/// Keeps a hub's report of how much its resources are used: the totals of the resources the catalogue knows to be
/// that hub's, when newer than the ones kept. A hub cannot speak for another's resources, and reports may arrive twice
/// or out of order. What no honest hub sends is dropped whole, counted and logged.
/// </summary>
public sealed partial class ActivityKeeper
{
    /// <summary>More than any resource is used in a lifetime; larger counts are a hub's error or its lie.</summary>
    public const long MaxCount = 1_000_000_000;

    private readonly NpgsqlDataSource database;
    private readonly TimeProvider clock;
    private readonly ILogger<ActivityKeeper> logger;
    private readonly Counter<long> refused;

    public ActivityKeeper(NpgsqlDataSource database, TimeProvider clock, IMeterFactory meters, ILogger<ActivityKeeper> logger)
    {
        this.database = database;
        this.clock = clock;
        this.logger = logger;
        refused = meters.Create("Federation.Catalogue").CreateCounter<long>("federation.activity.refused", "{report}",
            "Use reports from hubs dropped whole because no honest hub sends them.");
    }

    public async Task KeepAsync(ResourceActivityReported report, CancellationToken cancellationToken)
    {
        if (Refusal(report) is { } reason)
        {
            refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
            LogRefused(logger, SenderText.Shown(report.HubId), reason);
            return;
        }

        var resources = report.Resources.OrderBy(r => r.ResourceId).ToList();
        var ids = resources.Select(r => r.ResourceId).ToArray();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // One transaction: the kept totals and the rows that show them never disagree. Rows are locked in id order, as
        // the writer locks the search rows of a batch, so the two never wait on each other in opposite orders.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var kept = new NpgsqlBatchCommand("""
            INSERT INTO catalogue_activity (id, hub_id, downloads, access_requests, introductions, reported_at)
            SELECT r.id, $1, r.downloads, r.access_requests, r.introductions, $2
              FROM unnest($3::uuid[], $4::bigint[], $5::bigint[], $6::bigint[]) AS r(id, downloads, access_requests, introductions)
             WHERE EXISTS (SELECT 1 FROM catalogue_search s WHERE s.id = r.id AND s.hub_id = $1)
             ORDER BY r.id
            ON CONFLICT (id) DO UPDATE SET
                downloads = excluded.downloads, access_requests = excluded.access_requests, introductions = excluded.introductions,
                reported_at = excluded.reported_at
            WHERE catalogue_activity.hub_id = excluded.hub_id AND catalogue_activity.reported_at < excluded.reported_at
            """);
        kept.Parameters.Add(new NpgsqlParameter { Value = report.HubId });
        kept.Parameters.Add(new NpgsqlParameter { Value = report.At.ToUniversalTime() });
        kept.Parameters.Add(new NpgsqlParameter { Value = ids });
        kept.Parameters.Add(new NpgsqlParameter { Value = resources.Select(r => r.Downloads).ToArray() });
        kept.Parameters.Add(new NpgsqlParameter { Value = resources.Select(r => r.AccessRequests).ToArray() });
        kept.Parameters.Add(new NpgsqlParameter { Value = resources.Select(r => r.Introductions).ToArray() });
        batch.BatchCommands.Add(kept);
        var shown = new NpgsqlBatchCommand("""
            WITH locked AS (SELECT id FROM catalogue_search WHERE id = ANY($1) ORDER BY id FOR UPDATE)
            UPDATE catalogue_search s
               SET downloads = a.downloads, access_requests = a.access_requests, introductions = a.introductions,
                   popularity = catalogue_popularity(a.downloads, a.access_requests, a.introductions)
              FROM locked, catalogue_activity a
             WHERE s.id = locked.id AND a.id = s.id AND a.hub_id = s.hub_id
               AND (s.downloads, s.access_requests, s.introductions) IS DISTINCT FROM (a.downloads, a.access_requests, a.introductions)
            """);
        shown.Parameters.Add(new NpgsqlParameter { Value = ids });
        batch.BatchCommands.Add(shown);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private string? Refusal(ResourceActivityReported report)
    {
        if (report.Resources is not { Count: > 0 and <= ResourceActivityReported.MaxResources } resources)
        {
            return "size";
        }

        if (resources.Any(r => r is null || r.Downloads is < 0 or > MaxCount || r.AccessRequests is < 0 or > MaxCount || r.Introductions is < 0 or > MaxCount))
        {
            return "count";
        }

        if (resources.DistinctBy(r => r.ResourceId).Count() != resources.Count)
        {
            return "duplicate";
        }

        // Dated ahead of this clock, it would make every later, honest report look older and be ignored.
        return report.At > clock.GetUtcNow() + SenderVerification.ClockSkew ? "future" : null;
    }

    [LoggerMessage(LogLevel.Warning, "A use report from {Hub} was dropped whole: {Reason}")]
    private static partial void LogRefused(ILogger logger, string hub, string reason);
}
