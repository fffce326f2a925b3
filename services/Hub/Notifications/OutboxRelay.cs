using Federation.Hub.Hosting;
using MassTransit;
using Npgsql;
using Federation.ServiceDefaults.Messaging;

namespace Federation.Hub.Notifications;

/// <summary>
/// Sends the messages in <c>hub_outbox</c> to the one hub each is for (decisions to the requester's home hub, news
/// of a member's standing to every other hub), then marks them sent. At least once: a crash in between sends again,
/// and the receiver ignores what it already holds.
/// </summary>
public sealed partial class OutboxRelay(NpgsqlDataSource database, OutboxSignal signal, IBus bus, TimeProvider clock, ILogger<OutboxRelay> logger)
    : SignalledRelay(signal, database, "outbox")
{
    private const int BatchSize = 100;

    protected override async Task<bool> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var pending = new List<(long Id, object Message)>();
        await using (var read = Database.CreateCommand($"SELECT id, kind, payload FROM hub_outbox WHERE published_at IS NULL ORDER BY id LIMIT {BatchSize}"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add((reader.GetInt64(0), Outbox.Read(reader.GetString(1), reader.GetString(2))));
            }
        }

        foreach (var (_, message) in pending)
        {
            // Routed to the one recipient hub by its id (HubQueues.DecisionExchange).
            await BrokerDeadline.SendAsync(token => bus.Publish(message, message.GetType(), token), cancellationToken);
        }

        if (pending.Count > 0)
        {
            await using var mark = Database.CreateCommand("UPDATE hub_outbox SET published_at = $2 WHERE id = ANY($1)");
            mark.Parameters.AddWithValue(pending.Select(p => p.Id).ToArray());
            mark.Parameters.AddWithValue(clock.GetUtcNow());
            await mark.ExecuteNonQueryAsync(cancellationToken);
            LogRelayed(logger, pending.Count);
        }

        return pending.Count == BatchSize;
    }

    protected override void OnRelayFailed(Exception exception) => LogRelayFailed(logger, exception);

    [LoggerMessage(LogLevel.Warning, "Relaying messages to other hubs failed; they stay queued and are retried")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "Sent {Count} messages to other hubs")]
    private static partial void LogRelayed(ILogger logger, int count);
}
