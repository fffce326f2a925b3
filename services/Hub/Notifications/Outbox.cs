using System.Text.Json;
using Dapper;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Npgsql;

namespace Federation.Hub.Notifications;

/// <summary>
/// Queues a decision for the requester's home hub, inside the unit of work that made the decision
/// (<see cref="Writes.HubUnitOfWork.SendAsync"/>), which wakes the relay once it has committed.
/// </summary>
public sealed class Outbox(TimeProvider clock)
{
    public Task EnqueueAsync(DecisionMade decision, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO hub_outbox (message_id, destination, payload, created_at) VALUES (@MessageId, @Destination, CAST(@Payload AS jsonb), @CreatedAt)",
            new
            {
                decision.MessageId,
                Destination = decision.RecipientHubId,
                Payload = JsonSerializer.Serialize(decision, FederationJson.Options),
                CreatedAt = clock.GetUtcNow(),
            }, transaction, cancellationToken: cancellationToken));
}
