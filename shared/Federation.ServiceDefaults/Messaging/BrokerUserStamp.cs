using MassTransit;
using Microsoft.Extensions.Options;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// Puts the broker user this service connects as in the <c>user_id</c> property of everything it publishes or sends.
/// RabbitMQ refuses a message whose <c>user_id</c> is not the connection's own user, so receivers can tell which
/// account a message came through (<see cref="Signing.SenderVerification"/> checks it against the signer).
/// </summary>
public sealed class BrokerUserStamp<T>(IOptions<RabbitMqOptions> options) : IFilter<PublishContext<T>>, IFilter<SendContext<T>>
    where T : class
{
    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        Stamp(context);
        return next.Send(context);
    }

    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        Stamp(context);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("federation-broker-user");

    private void Stamp(SendContext context)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
        {
            rabbit.BasicProperties.UserId = options.Value.Username;
        }
    }
}
