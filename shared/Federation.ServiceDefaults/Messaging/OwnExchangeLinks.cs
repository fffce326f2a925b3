using Federation.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// Binds a hub's own exchanges to the shared ones (<see cref="BrokerExchanges"/>), and the one-hub exchanges to its
/// queue's exchange for its own routing key. Bindings between durable exchanges outlive broker restarts; they are
/// asserted again (idempotent) whenever the hub's receive endpoint connects anew (<see cref="RelinkWhenEndpointReady"/>)
/// and every minute, so that a broker that lost its definitions heals. Nothing is published before the first time it
/// succeeded (<see cref="AfterOwnExchangesLinked{T}"/>), and the hub is not ready until then: a message would reach
/// the hub's own exchange and no one. The shared exchanges exist before any hub starts: the operator declares them.
/// </summary>
public sealed partial class OwnExchangeLinks(IOptions<RabbitMqOptions> options, string hubId, ILogger<OwnExchangeLinks> logger)
    : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan Again = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource linked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Completes once this hub's exchanges were linked for the first time.</summary>
    public Task Linked => linked.Task;

    /// <summary>Links again now rather than at the next minute (the broker connection was made anew).</summary>
    public void Relink()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken by someone else meanwhile: once is enough.
            }
        }
    }

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

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Linked.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("This hub's exchanges are not linked to the federation's yet; it publishes nothing until they are."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
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
                retry = FirstRetry;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (exception is OperationInterruptedException { ShutdownReason.ReplyCode: 403 or 404 })
                {
                    // Waiting will not help: the operator has to declare the shared exchanges or grant this account its rights.
                    LogRefused(logger, hubId, exception.Message);
                }
                else
                {
                    // The broker is down or restarting: publishing waits, the outbox and feed keep what is to be sent.
                    LogNotLinked(logger, hubId, exception.Message);
                }

                wait = retry;
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }

            try
            {
                await wake.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "The exchanges of hub {HubId} are linked to the federation's shared exchanges")]
    private static partial void LogLinked(ILogger logger, string hubId);

    [LoggerMessage(LogLevel.Warning, "The exchanges of hub {HubId} could not be linked yet: {Reason}")]
    private static partial void LogNotLinked(ILogger logger, string hubId, string reason);

    [LoggerMessage(LogLevel.Error, "The broker refuses to link the exchanges of hub {HubId}, so it publishes nothing: {Reason}. Are the shared exchanges declared and this account's rights granted (docs/deploy.md)?")]
    private static partial void LogRefused(ILogger logger, string hubId, string reason);
}
