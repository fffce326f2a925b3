using System.Globalization;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging.Signing;
using Federation.Testing;
using Federation.Trust;
using MassTransit;

namespace Federation.IntegrationTests;

/// <summary>
/// A bus of the spec's own on the federation's vhost: it publishes exactly what the spec hands it, signed with
/// whichever key the spec chooses (a hub's own, to replay what that hub sent; another's, as a thief would), or not at all.
/// </summary>
public sealed class BrokerClient : IAsyncDisposable
{
    private readonly IBusControl bus;

    private BrokerClient(IBusControl bus) => this.bus = bus;

    public static async Task<BrokerClient> ConnectAsync(string virtualHost, string username = "federation", string? password = null)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host("127.0.0.1", ushort.Parse(LocalInfrastructure.RabbitPort, CultureInfo.InvariantCulture), virtualHost, host =>
        {
            host.Username(username);
            host.Password(password ?? LocalInfrastructure.BrokerPassword);
        }));
        await bus.StartAsync();
        return new BrokerClient(bus);
    }

    /// <summary>The signature <paramref name="memberId"/> would put on <paramref name="message"/> with the key in <paramref name="keyFile"/>.</summary>
    public static string Signature(ISignedMessage message, string keyFile, string? memberId = null)
    {
        using var keys = FederationKeyRing.FromFiles([keyFile]);
        return new MessageSigner(keys, memberId ?? message.SignerId, TimeProvider.System).Sign(message);
    }

    /// <summary>Publishes <paramref name="message"/> as its runtime type, with <paramref name="signature"/> (if any) in the signature header.</summary>
    public Task PublishAsync(object message, string? signature) =>
        bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(context =>
        {
            if (signature is not null)
            {
                context.Headers.Set(MessageSignatures.HeaderName, signature);
            }
        }));

    /// <summary>Sends <paramref name="message"/> straight to <paramref name="queue"/>, as a decision goes to its recipient's hub.</summary>
    public async Task SendAsync(Uri queue, object message, string? signature)
    {
        var endpoint = await bus.GetSendEndpoint(queue);
        await endpoint.Send(message, message.GetType(), Pipe.Execute<SendContext>(context =>
        {
            if (signature is not null)
            {
                context.Headers.Set(MessageSignatures.HeaderName, signature);
            }
        }));
    }

    public ValueTask DisposeAsync() => new(bus.StopAsync());
}
