using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Notifications;

/// <summary>
/// Queues a decision for the requester's home hub, inside the transaction that made the decision. The caller wakes
/// the relay with <see cref="OutboxSignal"/> once that transaction has committed.
/// </summary>
public sealed class Outbox(TimeProvider clock)
{
    public async Task EnqueueAsync(DecisionMade decision, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO hub_outbox (message_id, destination, payload, created_at) VALUES ($1, $2, $3, $4)", connection, transaction);
        command.Parameters.AddWithValue(decision.MessageId);
        command.Parameters.AddWithValue(decision.RecipientHubId);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(decision, FederationJson.Options));
        command.Parameters.AddWithValue(clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
