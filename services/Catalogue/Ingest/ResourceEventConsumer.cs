using Federation.Contracts;
using Federation.ServiceDefaults.Messaging;
using Federation.Catalogue.Telemetry;
using Federation.ServiceDefaults.Messaging.Signing;
using MassTransit;

namespace Federation.Catalogue.Ingest;

/// <summary>Hands every resource event of every hub to the writer and acknowledges it once committed.</summary>
public sealed class ResourceEventConsumer(CatalogueWriter writer, CatalogueTelemetry telemetry) :
    IConsumer<ResourcePublished>, IConsumer<ResourceChanged>, IConsumer<ResourceWithdrawn>, IConsumer<ResourcesResent>
{
    public Task Consume(ConsumeContext<ResourcePublished> context) => Apply(context, context.Message, "published");

    public Task Consume(ConsumeContext<ResourceChanged> context) => Apply(context, context.Message, "changed");

    public Task Consume(ConsumeContext<ResourceWithdrawn> context) => Apply(context, context.Message, "withdrawn");

    public Task Consume(ConsumeContext<ResourcesResent> context)
    {
        var page = context.Message;
        if (string.IsNullOrEmpty(page.HubId) || page.Resources is null || page.UpToSequence < page.AfterSequence)
        {
            throw new InvalidMessageException($"Resync page of '{page.HubId}' is incomplete.");
        }

        foreach (var resent in page.Resources)
        {
            SnapshotCheck.ThrowIfUnusable(resent?.Resource, page.HubId, SenderKind(context));
        }

        return writer.WriteAsync(new ApplyResentPage(page, SignedWithKey(context)), context.CancellationToken);
    }

    private async Task Apply(ConsumeContext context, IResourceEvent resourceEvent, string change)
    {
        // A message that claims another hub's resource, or carries a broken snapshot, goes to the error queue at once.
        SnapshotCheck.ThrowIfUnusable(resourceEvent.Resource, resourceEvent.HubId, SenderKind(context));
        if (resourceEvent.Resource.Id != resourceEvent.ResourceId || resourceEvent.Resource.Version != resourceEvent.Version)
        {
            throw new InvalidMessageException($"Event for {resourceEvent.ResourceId} of {resourceEvent.HubId} does not match its snapshot.");
        }

        await writer.WriteAsync(new ApplyResourceEvent(resourceEvent, SignedWithKey(context)), context.CancellationToken);
        telemetry.EventApplied(resourceEvent.HubId, change);
    }

    // A proven sender the authority names no kind for is "unknown", which offers no compute.
    private static string? SenderKind(ConsumeContext context) =>
        context.TryGetPayload<VerifiedSender>(out var sender) ? sender.MemberKind ?? "unknown" : null;

    // Put there by the sender check, which let the message through only because this key's signature held.
    private static string? SignedWithKey(ConsumeContext context) =>
        context.TryGetPayload<VerifiedSender>(out var sender) ? sender.KeyId : null;
}
