using System.Globalization;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;

namespace Federation.ServiceDefaults.Messaging;

/// <summary>
/// Moves a message this endpoint cannot take to <c>{queue}_error</c> (a fault) or <c>{queue}_skipped</c> (no consumer
/// for it), as MassTransit does by default, except that the copy no longer claims the original sender's account in
/// <c>user_id</c>: RabbitMQ refuses a message whose <c>user_id</c> is not the account publishing it, so MassTransit's
/// own move (which copies every property) would fail for every message another account sent, and the message would
/// come back again and again instead of resting in the error queue. The original account is kept in the header
/// <see cref="OriginalBrokerUser"/>, as a record (no longer vouched for by the broker once moved).
/// </summary>
public static class ErrorQueues
{
    public const string OriginalBrokerUser = "Federation-Original-User";

    /// <summary>Set instead of the original headers when those were too large to copy.</summary>
    public const string DroppedHeaders = "Federation-Dropped-Headers";

    private const int OriginalHeadersBudget = 32 * 1024;
    private const int FaultMessageLength = 1_000;

    /// <summary>This endpoint's faults and unconsumed messages go to its own error and skipped queues; no fault events are published.</summary>
    public static void UseFederationErrorQueues(this IRabbitMqReceiveEndpointConfigurator endpoint)
    {
        // Nobody consumes fault events; publishing them would need rights on exchanges no node needs otherwise.
        endpoint.PublishFaults = false;
        endpoint.ConfigureError(error => error.UseFilter(new MoveToErrorQueue()));
        endpoint.ConfigureDeadLetter(deadLetter => deadLetter.UseFilter(new MoveToSkippedQueue()));
    }

    internal static async Task MoveAsync(ReceiveContext context, string suffix, Action<IDictionary<string, object?>> addHeaders)
    {
        if (!context.TryGetPayload(out ChannelContext? channel) || !context.TryGetPayload(out RabbitMqBasicConsumeContext? delivered))
        {
            throw new InvalidOperationException($"A message of {context.InputAddress} cannot be moved: it did not come from RabbitMQ.");
        }

        var target = context.InputAddress.Segments[^1].TrimEnd('/') + suffix;
        // Declared as MassTransit declares them, so a first move on a fresh broker finds them.
        await channel.ExchangeDeclare(target, ExchangeType.Fanout, durable: true, autoDelete: false, new Dictionary<string, object>(), context.CancellationToken);
        await channel.QueueDeclare(target, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object>(), context.CancellationToken);
        await channel.QueueBind(target, target, "", new Dictionary<string, object>(), context.CancellationToken);

        var properties = new BasicProperties(delivered.Properties) { UserId = null };
        // Ordinal: AMQP header names are case-sensitive, and a sender may use two that differ in case alone.
        var headers = properties.Headers is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : new Dictionary<string, object?>(properties.Headers, StringComparer.Ordinal);
        // Headers travel in one frame (128 KiB by default), and a copy larger than that closes the connection: the
        // original would come back for ever. A sender that filled its headers loses them here, not the queue.
        if (SizeOf(headers) is var size and > OriginalHeadersBudget)
        {
            var count = headers.Count;
            headers = new Dictionary<string, object?>(StringComparer.Ordinal) { [DroppedHeaders] = $"{count} headers of about {size} bytes" };
        }
        if (delivered.Properties.UserId is { } account)
        {
            headers[OriginalBrokerUser] = account;
        }

        headers["MT-Host-MachineName"] = Environment.MachineName;
        headers["MT-Host-ProcessName"] = Environment.ProcessPath is { } path ? Path.GetFileNameWithoutExtension(path) : "";
        addHeaders(headers);
        properties.Headers = headers;
        await channel.BasicPublishAsync(target, delivered.RoutingKey, mandatory: true, properties, context.GetBody(), awaitAck: true, context.CancellationToken);
    }

    /// <summary>About how many bytes headers take on the wire: names and values, tables and arrays within them.</summary>
    private static long SizeOf(object? value) => value switch
    {
        null => 0,
        string text => System.Text.Encoding.UTF8.GetByteCount(text),
        byte[] bytes => bytes.Length,
        IDictionary<string, object?> table => table.Sum(entry => entry.Key.Length + 8 + SizeOf(entry.Value)),
        System.Collections.IEnumerable items => items.Cast<object?>().Sum(item => 8 + SizeOf(item)),
        _ => 16,
    };

    private sealed class MoveToErrorQueue : IFilter<ExceptionReceiveContext>
    {
        public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
        {
            var exception = context.Exception.GetBaseException();
            await MoveAsync(context, "_error", headers =>
            {
                headers["MT-Reason"] = "fault";
                headers["MT-Fault-ExceptionType"] = exception.GetType().FullName;
                headers["MT-Fault-Message"] = exception.Message.Length > FaultMessageLength ? exception.Message[..FaultMessageLength] : exception.Message;
                headers["MT-Fault-Timestamp"] = context.ExceptionTimestamp.ToString("O", CultureInfo.InvariantCulture);
                headers["MT-Fault-StackTrace"] = exception.StackTrace is { Length: > 4000 } trace ? trace[..4000] : exception.StackTrace;
            });
            await next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("federation-error-queue");
    }

    private sealed class MoveToSkippedQueue : IFilter<ReceiveContext>
    {
        public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
        {
            await MoveAsync(context, "_skipped", headers => headers["MT-Reason"] = "skipped");
            await next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("federation-skipped-queue");
    }
}
