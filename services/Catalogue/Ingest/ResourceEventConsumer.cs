using Federation.Contracts;
using MassTransit;

namespace Federation.Catalogue.Ingest;

/// <summary>Hands every resource event of every hub to the writer and acknowledges it once committed.</summary>
public sealed class ResourceEventConsumer(CatalogueWriter writer) :
    IConsumer<ResourcePublished>, IConsumer<ResourceChanged>, IConsumer<ResourceWithdrawn>, IConsumer<ResourcesResent>
{
    public Task Consume(ConsumeContext<ResourcePublished> context) => Apply(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ResourceChanged> context) => Apply(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ResourceWithdrawn> context) => Apply(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ResourcesResent> context) =>
        writer.WriteAsync(new ApplyResentPage(context.Message), context.CancellationToken);

    private Task Apply(IResourceEvent resourceEvent, CancellationToken cancellationToken)
    {
        // A message that claims another hub's resource, or carries no snapshot, is refused into the error queue.
        if (resourceEvent.Resource is null || resourceEvent.Resource.Id != resourceEvent.ResourceId
            || resourceEvent.Resource.HubId != resourceEvent.HubId || resourceEvent.Resource.Version != resourceEvent.Version)
        {
            throw new InvalidMessageException($"Event for {resourceEvent.ResourceId} of {resourceEvent.HubId} does not match its snapshot.");
        }

        return writer.WriteAsync(new ApplyResourceEvent(resourceEvent), cancellationToken);
    }
}
