using Federation.Catalogue.AuditHeads;
using Federation.Catalogue.Ingest;
using Federation.ServiceDefaults.Messaging.Signing;
using Federation.Contracts;
using MassTransit;

namespace Federation.Catalogue.Registry;

/// <summary>
/// Records hub announcements and heartbeats in the registry (the sync monitor acts on what they reveal), and keeps the
/// audit chain heads the heartbeats carry.
/// </summary>
/// <remarks>Signals are stamped with the catalogue's clock on receipt: freshness must not depend on a hub's clock.</remarks>
public sealed class HubSignalConsumer(CatalogueWriter writer, AuditHeadKeeper auditHeads, TimeProvider clock) : IConsumer<HubAnnounced>, IConsumer<HubHeartbeat>
{
    public Task Consume(ConsumeContext<HubAnnounced> context)
    {
        var m = context.Message;
        return writer.WriteAsync(new RecordHubSignal(m.HubId, m.DisplayName, m.ApiBaseUrl, m.PublishedThroughSequence, null, null, clock.GetUtcNow(), Announced: true, m.FeedId, m.Issuer), context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<HubHeartbeat> context)
    {
        var m = context.Message;
        await writer.WriteAsync(new RecordHubSignal(m.HubId, m.DisplayName, m.ApiBaseUrl, m.PublishedThroughSequence, m.ResourceCount, m.Digest, clock.GetUtcNow(), Announced: false, m.FeedId, m.Issuer), context.CancellationToken);
        await auditHeads.KeepAsync(m, context.TryGetPayload<VerifiedSender>(out var sender) ? sender : null, context.CancellationToken);
    }
}
