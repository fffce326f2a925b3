using Federation.Contracts;
using Federation.ServiceDefaults.Messaging.Signing;
using MassTransit;
using Npgsql;

namespace Federation.Catalogue.Popularity;

/// <summary>
/// Takes a hub's report of how much its resources are used (signed by the hub; the bus checked that before this runs)
/// and keeps the totals of the resources the catalogue knows to be that hub's. A hub cannot speak for another's
/// resources, and a total older than the one kept is ignored, so reports may arrive twice or out of order.
/// </summary>
public sealed class ResourceActivityConsumer(NpgsqlDataSource database, TimeProvider clock) : IConsumer<ResourceActivityReported>
{
    public async Task Consume(ConsumeContext<ResourceActivityReported> context)
    {
        var report = context.Message;
        // What no honest hub sends is dropped whole: nothing of it is believed. A report dated ahead of this clock would
        // make every later, honest one look older and be ignored.
        if (report.At > clock.GetUtcNow() + SenderVerification.ClockSkew
            || report.Resources is not { Count: > 0 and <= ResourceActivityReported.MaxResources } resources
            || resources.Any(r => r is null || r.Downloads < 0 || r.AccessRequests < 0 || r.Introductions < 0)
            || resources.DistinctBy(r => r.ResourceId).Count() != resources.Count)
        {
            return;
        }

        // One transaction: the kept totals and the rows that show them never disagree.
        await using var connection = await database.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var kept = new NpgsqlBatchCommand("""
            INSERT INTO catalogue_activity (id, hub_id, downloads, access_requests, introductions, reported_at)
            SELECT r.id, $1, r.downloads, r.access_requests, r.introductions, $2
              FROM unnest($3::uuid[], $4::bigint[], $5::bigint[], $6::bigint[]) AS r(id, downloads, access_requests, introductions)
             WHERE EXISTS (SELECT 1 FROM catalogue_search s WHERE s.id = r.id AND s.hub_id = $1)
            ON CONFLICT (id) DO UPDATE SET
                downloads = excluded.downloads, access_requests = excluded.access_requests, introductions = excluded.introductions,
                reported_at = excluded.reported_at
            WHERE catalogue_activity.hub_id = excluded.hub_id AND catalogue_activity.reported_at < excluded.reported_at
            """);
        kept.Parameters.Add(new NpgsqlParameter { Value = report.HubId });
        kept.Parameters.Add(new NpgsqlParameter { Value = report.At });
        kept.Parameters.Add(new NpgsqlParameter { Value = resources.Select(r => r.ResourceId).ToArray() });
        kept.Parameters.Add(new NpgsqlParameter { Value = resources.Select(r => r.Downloads).ToArray() });
        kept.Parameters.Add(new NpgsqlParameter { Value = resources.Select(r => r.AccessRequests).ToArray() });
        kept.Parameters.Add(new NpgsqlParameter { Value = resources.Select(r => r.Introductions).ToArray() });
        batch.BatchCommands.Add(kept);
        var shown = new NpgsqlBatchCommand("""
            UPDATE catalogue_search s
               SET downloads = a.downloads, access_requests = a.access_requests, introductions = a.introductions,
                   popularity = catalogue_popularity(a.downloads, a.access_requests, a.introductions)
              FROM catalogue_activity a
             WHERE a.id = s.id AND a.hub_id = s.hub_id AND a.id = ANY($1)
               AND (s.downloads, s.access_requests, s.introductions) IS DISTINCT FROM (a.downloads, a.access_requests, a.introductions)
            """);
        shown.Parameters.Add(new NpgsqlParameter { Value = resources.Select(r => r.ResourceId).ToArray() });
        batch.BatchCommands.Add(shown);
        await batch.ExecuteNonQueryAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }
}
