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
    public Task EnqueueAsync(ISignedMessage message, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        EnqueueAsync([message], connection, transaction, cancellationToken);

    /// <summary>
    /// Queues many messages in one statement: a usage import reports on thousands of allocations at once, and one
    /// round trip each was most of its time (docs/benchmarks.md, "The AI factory").
    /// </summary>
    public Task EnqueueAsync(IReadOnlyCollection<ISignedMessage> messages, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var rows = messages.Select<ISignedMessage, (string Kind, Guid Id, string Destination, ISignedMessage Message)>(message => message switch
        {
            DecisionMade decision => (Decision, decision.MessageId, decision.RecipientHubId, message),
            MemberStandingChanged change => (MemberStanding, change.MessageId, change.RecipientHubId, message),
            ComputeApplicationEndorsed application => (ComputeApplication, application.MessageId, application.FacilityId, message),
            ComputeApplicationDecided decision => (ComputeDecision, decision.MessageId, decision.HubId, message),
            AllocationUsageReported usage => (AllocationUsage, usage.MessageId, usage.HubId, message),
            _ => throw new ArgumentException($"The outbox carries no {message.GetType().Name}.", nameof(messages)),
        }).ToList();
        return connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub_outbox (message_id, kind, destination, payload, created_at)
            SELECT message_id, kind, destination, CAST(payload AS jsonb), @createdAt
              FROM unnest(@ids, @kinds, @destinations, @payloads) AS m(message_id, kind, destination, payload)
            """,
            new
            {
                ids = rows.Select(r => r.Id).ToArray(), kinds = rows.Select(r => r.Kind).ToArray(), destinations = rows.Select(r => r.Destination).ToArray(),
                payloads = rows.Select(r => JsonSerializer.Serialize(r.Message, r.Message.GetType(), FederationJson.Options)).ToArray(),
                createdAt = clock.GetUtcNow(),
            }, transaction, cancellationToken: cancellationToken));
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
}
