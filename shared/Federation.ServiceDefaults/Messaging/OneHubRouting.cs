using Federation.Contracts;
using Federation.ServiceDefaults.Messaging.Signing;
using MassTransit;
using RabbitMQ.Client;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// Messages meant for one hub only (decisions about its members, the catalogue's requests to resend) go to a topic
/// exchange of their own, routed by the recipient's hub id, instead of straight to the hub's queue: sending to a queue
/// would need the right to declare (and so to delete) it, and a topic exchange lets the broker's topic permissions
/// keep each hub to its own routing key. The recipient's queue is bound to them by <see cref="OwnExchangeLinks"/>.
/// </summary>
public static class OneHubRouting
{
    public static void RouteToOneHub<T>(this IRabbitMqBusFactoryConfigurator rabbit, string exchange, Func<T, string> recipient)
        where T : class
    {
        rabbit.Message<T>(message => message.SetEntityName(exchange));
        rabbit.Publish<T>(publish => publish.ExchangeType = ExchangeType.Topic);
        rabbit.Send<T>(send => send.UseRoutingKeyFormatter(context => recipient(context.Message)));
    }

    /// <summary>
    /// Refuses a message that was not published to <paramref name="exchange"/>, directly or through a hub's own exchange
    /// in front of it (<see cref="BrokerExchanges.OwnedBy"/>). A hub's queue takes both one-hub exchanges, and
    /// MassTransit picks the consumer by the message type the envelope names, not by the exchange: a hub allowed to
    /// write decisions could otherwise put a resync request into another hub's queue through the decisions exchange.
    /// The exchange of a delivery (the one it was published to) is set by the broker, not by the sender.
    /// </summary>
    public static void ThrowUnlessArrivedThrough(this ConsumeContext context, string exchange)
    {
        var arrivedThrough = context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? rabbit.Exchange : null;
        if (!BrokerExchanges.IsSharedOrInFrontOf(arrivedThrough, exchange))
        {
            throw new UnverifiedMessageException($"A {context.ReceiveContext.ContentType?.MediaType ?? "message"} of this kind is taken only from {exchange}; it arrived through {SenderText.Shown(arrivedThrough ?? "(unknown)")}.");
        }
    }
}
