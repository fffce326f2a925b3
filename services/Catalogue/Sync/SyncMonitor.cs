using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.Catalogue.Telemetry;
using Federation.Contracts;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Federation.ServiceDefaults.Postgres;
using Federation.ServiceDefaults.Messaging;

namespace Federation.Catalogue.Sync;

/// <summary>
/// Looks at every hub's record once a check interval and asks a hub to resend what the catalogue lacks: after a gap
/// in its sequence, when it stands behind what the hub reported, or when their digests disagree.
/// </summary>
public sealed partial class SyncMonitor(
    IDocumentStore store,
    NpgsqlDataSource database,
    IBus bus,
    CatalogueWriter writer,
    CatalogueTelemetry telemetry,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncMonitor> logger) : BackgroundService
{
    private DateTimeOffset lastAudit = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.CheckInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                // One replica of the catalogue looks at a time; others would only send the same resync requests again.
                await using var turn = await AdvisoryLock.TryAcquireAsync(database, "catalogue-sync-monitor", stoppingToken);
                if (turn is null)
                {
                    // Another replica watches the hubs; its figures are the current ones, not this one's old ones.
                    telemetry.LagSeen([]);
                    continue;
                }

                await CheckAsync(stoppingToken);
                await AuditWhenDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogCheckFailed(logger, exception);
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<HubRecord> hubs;
        await using (var session = store.QuerySession())
        {
            hubs = await session.Query<HubRecord>().ToListAsync(cancellationToken);
        }

        telemetry.LagSeen(hubs);
        var now = clock.GetUtcNow();
        foreach (var hub in hubs)
        {
            if (ResyncPolicy.Decide(hub, now, options.Value) is not { } decision)
            {
                continue;
            }

            // Recorded before it is sent, so that even an answer arriving at once finds the request it completes.
            var request = new ResyncRequested(hub.Id, Guid.NewGuid(), decision.After, decision.Reason, now);
            await writer.WriteAsync(new RecordResyncRequested(hub.Id, request.RequestId, request.AfterSequence, request.Reason, now), cancellationToken);
            // Routed to that hub's queue alone by its id (HubQueues.ResyncExchange).
            await BrokerDeadline.SendAsync(token => bus.Publish(request, token), cancellationToken);
            LogResyncRequested(logger, hub.Id, decision.After, decision.Reason);
        }
    }

    /// <summary>
    /// The digest comparison trusts the catalogue's own running sums; the audit checks those sums against the stored
    /// entries, so that even a document lost or damaged inside the catalogue's database is found and resent.
    /// </summary>
    private async Task AuditWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - lastAudit < options.Value.AuditInterval)
        {
            return;
        }

        lastAudit = now;
        await using var session = store.QuerySession();
        var hubIds = await session.Query<HubRecord>().Select(h => h.Id).ToListAsync(cancellationToken);
        await Task.WhenAll(hubIds.Select(id => writer.WriteAsync(new AuditHub(id), cancellationToken)));
    }

    [LoggerMessage(LogLevel.Information, "Asked hub {HubId} to resend everything after sequence {After}: {Reason}")]
    private static partial void LogResyncRequested(ILogger logger, string hubId, long after, string reason);

    [LoggerMessage(LogLevel.Warning, "Sync check failed; trying again at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
