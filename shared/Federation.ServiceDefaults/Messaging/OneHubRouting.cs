using MassTransit;
using RabbitMQ.Client;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// Messages meant for one hub only (decisions about its members, the catalogue's requests to resend) go to a topic
/// exchange of their own, routed by the recipient's hub id, instead of straight to the hub's queue: sending to a queue
/// would need the right to declare (and so to delete) it, and a topic exchange lets the broker's topic permissions
/// keep each hub to its own routing key.
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

    /// <summary>Binds a hub's queue to <paramref name="exchange"/> for the messages routed to <paramref name="hubId"/> and no others.</summary>
    public static void BindForHub(this IRabbitMqReceiveEndpointConfigurator endpoint, string exchange, string hubId) =>
        endpoint.Bind(exchange, binding =>
        {
            binding.ExchangeType = ExchangeType.Topic;
            binding.RoutingKey = hubId;
        });
}
