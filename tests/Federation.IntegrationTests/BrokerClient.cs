using System.Globalization;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging;
using Federation.ServiceDefaults.Messaging.Signing;
using Federation.Testing;
using Federation.Trust;
using MassTransit;

namespace Federation.IntegrationTests;

/// <summary>
/// A bus of the spec's own on the federation's vhost, connected with one hub's broker account (the hub's own, to
/// replay what it sent; or as its thief): it publishes exactly what the spec hands it, signed with whichever key the
/// spec chooses, or not at all, with the account's name in <c>user_id</c> as the hubs put it there (or the name the
/// spec claims instead, which the broker must refuse).
/// </summary>
public sealed class BrokerClient : IAsyncDisposable
{
    private readonly IBusControl bus;
    private readonly string hubId;
    private readonly string user;

    private BrokerClient(IBusControl bus, string hubId, string user)
    {
        this.bus = bus;
        this.hubId = hubId;
        this.user = user;
    }

    /// <summary>Connects as hub <paramref name="hubId"/>'s account, publishing through that hub's own exchanges as the hub does.</summary>
    public static async Task<BrokerClient> ConnectAsync(string virtualHost, string hubId, (string User, string Password) account)
    {
        var port = ushort.Parse(LocalInfrastructure.RabbitPort, CultureInfo.InvariantCulture);
        await OwnExchangeLinks.LinkAsync(new RabbitMqOptions
        {
            Host = "127.0.0.1", Port = port, VirtualHost = virtualHost, Username = account.User, Password = account.Password,
        }, hubId, CancellationToken.None);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host("127.0.0.1", port, virtualHost, host =>
            {
                host.Username(account.User);
                host.Password(account.Password);
            });
            // The same topology as the hubs': the hub's own exchanges, decisions by the recipient's routing key.
            rabbit.OverrideDefaultBusEndpointQueueName(BrokerPermissions.BusEndpointName(HubQueues.For(hubId)));
            rabbit.UseFederationPublishTopology(hubId);
        });
        await bus.StartAsync();
        return new BrokerClient(bus, hubId, account.User);
    }

    /// <summary>The signature <paramref name="memberId"/> would put on <paramref name="message"/> with the key in <paramref name="keyFile"/>.</summary>
    public static string Signature(ISignedMessage message, string keyFile, string? memberId = null)
    {
        using var keys = FederationKeyRing.FromFiles([keyFile]);
        return new MessageSigner(keys, memberId ?? message.SignerId, TimeProvider.System).Sign(message);
    }

    /// <summary>
    /// Publishes <paramref name="message"/> as its runtime type, with <paramref name="signature"/> (if any) in the
    /// signature header and <paramref name="claimedUser"/> (default: this client's account) in <c>user_id</c>.
    /// </summary>
    /// <param name="headers">Headers of the spec's own besides.</param>
    public Task PublishAsync(object message, string? signature, string? claimedUser = null, IReadOnlyDictionary<string, string>? headers = null) =>
        bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(context =>
        {
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Headers.Set(name, value);
            }

            if (signature is not null)
            {
                context.Headers.Set(MessageSignatures.HeaderName, signature);
            }

            if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            {
                rabbit.BasicProperties.UserId = claimedUser ?? user;
            }
        }));

    /// <summary>Sends any message to the decisions exchange (through the hub's own) with <paramref name="routingKey"/>, as a hub may send decisions there.</summary>
    public async Task SendToDecisionsAsync(object message, string routingKey)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{BrokerExchanges.OwnedBy(hubId, HubQueues.DecisionExchange)}?type=topic"));
        await endpoint.Send(message, message.GetType(), Pipe.Execute<SendContext>(context =>
        {
            if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            {
                rabbit.RoutingKey = routingKey;
                rabbit.BasicProperties.UserId = user;
            }
        }));
    }

    public ValueTask DisposeAsync() => new(bus.StopAsync());
}
