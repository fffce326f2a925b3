using MassTransit;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>Holds a hub's publishing until its own exchanges lead somewhere (<see cref="OwnExchangeLinks"/>); the publisher's deadline still applies.</summary>
public sealed class AfterOwnExchangesLinked<T>(OwnExchangeLinks links) : IFilter<PublishContext<T>>
    where T : class
{
    public async Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        await links.Linked.WaitAsync(context.CancellationToken);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("federation-after-own-exchanges-linked");
}
