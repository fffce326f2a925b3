using Federation.Contracts;
using Federation.Hub.Audit;
using Federation.Hub.Feed;
using Federation.Hub.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;
using Federation.ServiceDefaults.Messaging;

namespace Federation.Hub.Sync;

/// <summary>
/// Announces the hub when it starts and then says, every few seconds, how far its feed has been published, what
/// digest its resources have and where its audit chain stands. The catalogue compares both with its own view to find anything it missed.
/// </summary>
public sealed partial class HeartbeatService(
    HubFeed feed,
    AuditChain audit,
    IBus bus,
    IOptions<HubOptions> options,
    TimeProvider clock,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hub = options.Value;
        var announced = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var position = await feed.ReadPositionAsync(stoppingToken);
                if (!announced)
                {
                    await BrokerDeadline.SendAsync(token => bus.Publish(new HubAnnounced(hub.Id, hub.DisplayName, hub.PublicUrl!, position.PublishedThrough, clock.GetUtcNow(), position.FeedId, hub.PublicUrl), token), stoppingToken);
                    announced = true;
                    LogAnnounced(logger, position.PublishedThrough);
                }

                // The audit chain's head goes out signed with every heartbeat; the catalogue keeps heads, so a history
                // rewritten later no longer matches what the hub once said.
                var (auditRecords, auditHead) = await audit.HeadAsync(stoppingToken);
                await BrokerDeadline.SendAsync(token => bus.Publish(
                    new HubHeartbeat(hub.Id, hub.DisplayName, hub.PublicUrl!, position.PublishedThrough, position.KnownResources, position.Digest, clock.GetUtcNow(),
                        position.FeedId, hub.PublicUrl, auditRecords, auditHead),
                    token), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogHeartbeatFailed(logger, exception);
            }

            await Task.Delay(hub.HeartbeatInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(LogLevel.Information, "Hub announced to the federation; feed published through {Sequence}")]
    private static partial void LogAnnounced(ILogger logger, long sequence);

    [LoggerMessage(LogLevel.Warning, "Heartbeat could not be sent; trying again at the next interval")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
