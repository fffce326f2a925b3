using Federation.Contracts;
using Federation.Hub.Hosting;
using Federation.ServiceDefaults.Messaging;
using Federation.ServiceDefaults.Postgres;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Sync;

/// <summary>
/// Tells the catalogue how much this hub's resources are used: downloads, access requests and introductions, counted
/// here from the hub's own records (the audit trail of files handed out, the requests), totals without any person.
/// Each round sends the totals that changed since the last round that reached the broker, and the next slice of all of
/// them in turn, so whatever a lost report carried (or a catalogue dropped, not yet holding the resource) arrives
/// again: with 500 a round, 100,000 used resources in under three and a half hours at the default minute.
/// </summary>
/// <remarks>
/// People, not clicks: downloads and requests are counted once per person (anonymous downloads once a day), so that
/// nobody raises a resource's popularity by downloading it again and again. One silo of the hub reports (an advisory
/// lock), so a hub with several sends each report once.
/// </remarks>
public sealed partial class ActivityReporter(
    NpgsqlDataSource database,
    IBus bus,
    IOptions<HubOptions> options,
    TimeProvider clock,
    ILogger<ActivityReporter> logger) : BackgroundService
{
    // How many unchanged totals each round sends again, in turn.
    private const int RotationSlice = ResourceActivityReported.MaxResources;

    private readonly Dictionary<Guid, ResourceActivity> sent = [];
    private int rotation;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hub = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await AdvisoryLock.TryAcquireAsync(database, "hub-activity-reports", stoppingToken);
                if (lease is not null)
                {
                    await ReportAsync(hub.Id, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogReportFailed(logger, exception);
            }

            await Task.Delay(hub.ActivityInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReportAsync(string hubId, CancellationToken cancellationToken)
    {
        // Dated before the counts are read: a report never claims a moment later than what it saw.
        var at = clock.GetUtcNow();
        var totals = await ReadTotalsAsync(cancellationToken);
        var changed = totals.Where(total => !sent.TryGetValue(total.ResourceId, out var before) || before != total).ToList();
        var changedIds = changed.Select(total => total.ResourceId).ToHashSet();
        rotation = totals.Count == 0 ? 0 : rotation % totals.Count;
        // The slice wraps around the end, so every resource is sent again in turn.
        var again = totals.Skip(rotation).Concat(totals.Take(rotation)).Take(RotationSlice)
            .Where(total => !changedIds.Contains(total.ResourceId)).ToList();
        rotation += RotationSlice;
        // By id, as the catalogue locks them: two reports never wait on each other's rows in opposite orders.
        foreach (var chunk in changed.Concat(again).OrderBy(total => total.ResourceId).Chunk(ResourceActivityReported.MaxResources))
        {
            var report = new ResourceActivityReported(hubId, at, chunk);
            await BrokerDeadline.SendAsync(token => bus.Publish(report, token), cancellationToken);
            foreach (var total in chunk)
            {
                sent[total.ResourceId] = total;
            }
        }
    }

    // By resource id, so the rotation walks the same order every round.
    private async Task<List<ResourceActivity>> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT id, sum(downloads)::bigint, sum(requests)::bigint, sum(introductions)::bigint FROM (
                SELECT resource_id AS id,
                       count(DISTINCT coalesce(actor_hub || ' ' || actor_sub, 'anonymous ' || (occurred_at AT TIME ZONE 'UTC')::date)) AS downloads,
                       0 AS requests, 0 AS introductions
                  FROM hub_audit
                 WHERE action = 'artifact.downloaded' AND outcome = 'allowed' AND resource_id IS NOT NULL GROUP BY resource_id
                UNION ALL SELECT resource_id, 0, count(DISTINCT (requester_hub, requester_sub)), 0 FROM access_requests GROUP BY resource_id
                UNION ALL SELECT offer_id, 0, 0, count(DISTINCT (requester_hub, requester_sub)) FROM introductions GROUP BY offer_id) counted
             GROUP BY id ORDER BY id
            """);
        var totals = new List<ResourceActivity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new ResourceActivity(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return totals;
    }

    [LoggerMessage(LogLevel.Warning, "The use of this hub's resources could not be reported; trying again at the next interval")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
