using Federation.Contracts;
using MassTransit;

namespace Federation.Catalogue.Popularity;

/// <summary>Hands a hub's use report (signed by the hub; the bus checked that before this runs) to the <see cref="ActivityKeeper"/>.</summary>
public sealed class ResourceActivityConsumer(ActivityKeeper keeper) : IConsumer<ResourceActivityReported>
{
    public Task Consume(ConsumeContext<ResourceActivityReported> context) => keeper.KeepAsync(context.Message, context.CancellationToken);
}
