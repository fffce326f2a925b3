using Federation.Contracts;
using Federation.Hub.Feed;
using Federation.Hub.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;
using Federation.ServiceDefaults.Messaging;

namespace Federation.Hub.Sync;

/// <summary>
/// Answers the catalogue's request to send again everything after a sequence, in pages of current snapshots.
/// Withdrawn resources are sent too: their tombstones must reach a catalogue that is being rebuilt.
/// </summary>
public sealed partial class ResyncRequestedConsumer(
    HubFeed feed,
    IOptions<HubOptions> options,
    TimeProvider clock,
    ILogger<ResyncRequestedConsumer> logger) : IConsumer<ResyncRequested>
{
    internal const int PageSize = 500;

    public async Task Consume(ConsumeContext<ResyncRequested> context)
    {
        // Only the catalogue may write to this exchange; the same message through any other way is refused.
        context.ThrowUnlessArrivedThrough(HubQueues.ResyncExchange);
        var request = context.Message;
        if (request.HubId != options.Value.Id)
        {
            return;
        }

        var position = await feed.ReadPositionAsync(context.CancellationToken);
        var upTo = position.LastSequence;
        var after = request.AfterSequence;
        var pages = 0;
        var resent = 0;
        bool isLast;
        do
        {
            var page = await feed.ReadResyncPageAsync(after, upTo, PageSize, context.CancellationToken);
            isLast = page.IsLast;
            await BrokerDeadline.SendAsync(token => context.Publish(
                new ResourcesResent(request.HubId, request.RequestId, after, page.CoveredThrough, isLast, page.Resources, clock.GetUtcNow(), position.FeedId),
                token), context.CancellationToken);
            after = page.CoveredThrough;
            pages++;
            resent += page.Resources.Count;
        }
        while (!isLast);

        LogResent(logger, resent, pages, request.AfterSequence, upTo, request.Reason);
    }

    [LoggerMessage(LogLevel.Information, "Resync: sent {Count} resources in {Pages} pages for sequences ({After}, {UpTo}] because {Reason}")]
    private static partial void LogResent(ILogger logger, int count, int pages, long after, long upTo, string reason);
}
