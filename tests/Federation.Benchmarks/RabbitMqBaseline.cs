using System.Diagnostics;
using System.Text.Json;
using Federation.Contracts.Serialization;
using Federation.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Federation.Benchmarks;

/// <summary>
/// The broker alone: the same event bodies, persistent, published with confirms by plain RabbitMQ.Client and
/// consumed with manual acks, end to end.
/// </summary>
internal static class RabbitMqBaseline
{
    public static async Task<double> RunAsync(string virtualHost, int messages)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1",
            Port = int.Parse(LocalInfrastructure.RabbitPort, System.Globalization.CultureInfo.InvariantCulture),
            VirtualHost = virtualHost,
            UserName = "federation",
            Password = LocalInfrastructure.BrokerPassword,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await using var consumerChannel = await connection.CreateChannelAsync();
        const string queue = "baseline-events";
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await publisher.QueuePurgeAsync(queue);
        var ids = Enumerable.Range(0, messages).Select(_ => Guid.NewGuid()).ToArray();
        var bodies = Enumerable.Range(0, messages)
            .Select(n => JsonSerializer.SerializeToUtf8Bytes(SyntheticResources.Event(n, 7, ids), FederationJson.Options)).ToArray();

        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await consumerChannel.BasicQosAsync(0, 1000, false);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref received) == messages)
            {
                done.TrySetResult();
            }
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        var clock = Stopwatch.StartNew();
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        using (var gate = new SemaphoreSlim(256))
        {
            await Task.WhenAll(bodies.Select(async body =>
            {
                await gate.WaitAsync();
                try
                {
                    await publisher.BasicPublishAsync("", queue, mandatory: false, properties, body);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        clock.Stop();
        await publisher.QueueDeleteAsync(queue);
        return messages / clock.Elapsed.TotalSeconds;
    }
}
