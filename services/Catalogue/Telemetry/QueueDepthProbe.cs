using Federation.Catalogue.Sync;
using Federation.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Federation.Catalogue.Telemetry;

/// <summary>
/// Reads the depth of the catalogue's queue from the broker every few seconds (a passive declare, which changes
/// nothing), for the catalogue's queue-depth metric. A broker that cannot be asked leaves the metric empty rather
/// than reporting a depth nobody measured.
/// </summary>
public sealed partial class QueueDepthProbe(IOptions<RabbitMqOptions> options, CatalogueTelemetry telemetry, ILogger<QueueDepthProbe> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnection? connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    connection ??= await ConnectAsync(stoppingToken);
                    await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                    var queue = await channel.QueueDeclarePassiveAsync(SyncFeature.QueueName, stoppingToken);
                    telemetry.QueueDepthSeen(queue.MessageCount);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    telemetry.QueueDepthSeen(null);
                    LogProbeFailed(logger, exception.Message);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }

                await Task.Delay(Interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var broker = options.Value;
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            ClientProvidedName = "catalogue-queue-depth",
        };
        return factory.CreateConnectionAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Debug, "Could not read the catalogue queue's depth: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, string reason);
}
