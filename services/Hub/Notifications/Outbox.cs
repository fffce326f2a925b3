using System.Text.Json;
using Dapper;
using Federation.Contracts;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Npgsql;

namespace Federation.Hub.Notifications;

/// <summary>
/// Queues a message for one other member inside the unit of work that caused it
/// (<see cref="Writes.HubUnitOfWork.SendAsync(ISignedMessage, CancellationToken)"/>), which wakes the relay once it has
/// committed: a decision for the requester's home hub, news of a member's standing for every other hub, an endorsed
/// application for a compute facility, a facility's decision on one or its report of an allocation's use. The kind
/// says which contract the payload is (<see cref="OutboxRelay"/>).
/// </summary>
public sealed class Outbox(TimeProvider clock)
{
    public const string Decision = "decision";
    public const string MemberStanding = "member-standing";
    public const string ComputeApplication = "compute-application";
    public const string ComputeDecision = "compute-decision";
    public const string AllocationUsage = "allocation-usage";

    /// <summary>Queues <paramref name="message"/> for the one member it is addressed to.</summary>
    public Task EnqueueAsync(ISignedMessage message, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var (kind, id, destination) = message switch
        {
            DecisionMade decision => (Decision, decision.MessageId, decision.RecipientHubId),
            MemberStandingChanged change => (MemberStanding, change.MessageId, change.RecipientHubId),
            ComputeApplicationEndorsed application => (ComputeApplication, application.MessageId, application.FacilityId),
            ComputeApplicationDecided decision => (ComputeDecision, decision.MessageId, decision.HubId),
            AllocationUsageReported usage => (AllocationUsage, usage.MessageId, usage.HubId),
            _ => throw new ArgumentException($"The outbox carries no {message.GetType().Name}.", nameof(message)),
        };
        return EnqueueAsync(kind, id, destination, JsonSerializer.Serialize(message, message.GetType(), FederationJson.Options), connection, transaction, cancellationToken);
    }

    /// <summary>The contract an outbox row of <paramref name="kind"/> holds.</summary>
    public static object Read(string kind, string payload) => kind switch
    {
        Decision => JsonSerializer.Deserialize<DecisionMade>(payload, FederationJson.Options)!,
        MemberStanding => JsonSerializer.Deserialize<MemberStandingChanged>(payload, FederationJson.Options)!,
        ComputeApplication => JsonSerializer.Deserialize<ComputeApplicationEndorsed>(payload, FederationJson.Options)!,
        ComputeDecision => JsonSerializer.Deserialize<ComputeApplicationDecided>(payload, FederationJson.Options)!,
        AllocationUsage => JsonSerializer.Deserialize<AllocationUsageReported>(payload, FederationJson.Options)!,
        _ => throw new InvalidOperationException($"The outbox holds a message of an unknown kind '{kind}'."),
    };

    private Task EnqueueAsync(
        string kind, Guid messageId, string destination, string payload, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO hub_outbox (message_id, kind, destination, payload, created_at) VALUES (@messageId, @kind, @destination, CAST(@payload AS jsonb), @createdAt)",
            new { messageId, kind, destination, payload, createdAt = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
}
