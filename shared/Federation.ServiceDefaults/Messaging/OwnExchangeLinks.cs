using Federation.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// Binds a hub's own exchanges to the shared ones (<see cref="BrokerExchanges"/>), and the one-hub exchanges to its
/// queue for its own routing key. Bindings between durable exchanges outlive broker restarts, so this is done once at
/// start; it is asserted again every few minutes (idempotent) so that a broker that lost its definitions heals. Nothing
/// is published before the first time it succeeded (<see cref="AfterOwnExchangesLinked{T}"/>): until then a message
/// would reach the hub's own exchange and no one. The shared exchanges exist before any hub starts: the operator
/// declares them with the vhost.
/// </summary>
public sealed partial class OwnExchangeLinks(IOptions<RabbitMqOptions> options, string hubId, TimeProvider clock, ILogger<OwnExchangeLinks> logger)
    : BackgroundService
{
    private static readonly TimeSpan Again = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource linked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this hub's exchanges were linked for the first time.</summary>
    public Task Linked => linked.Task;

    /// <summary>Declares hub <paramref name="hubId"/>'s own exchanges and binds them (idempotent; the broker refuses what the account may not do).</summary>
    public static async Task LinkAsync(IChannel channel, string hubId, CancellationToken cancellationToken)
    {
        foreach (var shared in BrokerExchanges.HubWritesTo)
        {
            var own = BrokerExchanges.OwnedBy(hubId, shared.Name);
            await channel.ExchangeDeclareAsync(own, shared.Type, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.ExchangeBindAsync(shared.Name, own, shared.Type == SharedExchange.Topic ? "#" : "", cancellationToken: cancellationToken);
        }

        // What is addressed to this hub alone reaches its queue through the queue's exchange, declared as MassTransit
        // declares it; binding the queue itself would need the right to declare the shared exchange.
        var queue = HubQueues.For(hubId);
        await channel.ExchangeDeclareAsync(queue, SharedExchange.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var oneHub in new[] { HubQueues.DecisionExchange, HubQueues.ResyncExchange })
        {
            await channel.ExchangeBindAsync(queue, oneHub, hubId, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Opens a connection with <paramref name="broker"/>'s account and links <paramref name="hubId"/>'s exchanges.</summary>
    public static async Task LinkAsync(RabbitMqOptions broker, string hubId, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            ClientProvidedName = $"{HubQueues.For(hubId)}-exchange-links",
            AutomaticRecoveryEnabled = false,
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await LinkAsync(channel, hubId, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await LinkAsync(options.Value, hubId, stoppingToken);
                if (linked.TrySetResult())
                {
                    LogLinked(logger, hubId);
                }

                wait = Again;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The broker is down or restarting: publishing waits, the outbox and feed keep what is to be sent.
                LogNotLinked(logger, hubId, exception.Message);
                wait = AfterFailure;
            }

            await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(LogLevel.Information, "The exchanges of hub {HubId} are linked to the federation's shared exchanges")]
    private static partial void LogLinked(ILogger logger, string hubId);

    [LoggerMessage(LogLevel.Warning, "The exchanges of hub {HubId} could not be linked yet: {Reason}")]
    private static partial void LogNotLinked(ILogger logger, string hubId, string reason);
}
