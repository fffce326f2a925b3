namespace Federation.Contracts;

/// <summary>
/// The limits on every queue of the federation's vhost, as RabbitMQ policies. Accounts may write to exchanges that
/// reach other nodes' queues (hub events reach the catalogue's, decisions another hub's), so a careless or hostile
/// node could fill them until the broker runs out of memory or disk and stops for everyone. A node's own queue
/// refuses a publish once full (<c>reject-publish</c>): the sender's publish is not confirmed and stays in its outbox,
/// nothing acknowledged is lost. An error or skipped queue drops its oldest message instead, so the move of a new
/// fault never fails. The local run, the tests, compose and k8s set exactly these (checked by Deployment.Tests).
/// </summary>
public sealed record BrokerQueueLimits(string Name, string Pattern, long MaxLength, long MaxLengthBytes, string Overflow)
{
    // Queue names: the catalogue's and each hub's (HubQueues.For), then MassTransit's per-process bus endpoints.
    private const string NodeQueues = "(catalogue|hub-[a-z0-9-]+)";

    public static IReadOnlyList<BrokerQueueLimits> All { get; } =
    [
        // Far above any backlog seen: a day of the whole federation publishing while the catalogue is away.
        new("federation-node-queues", $"^{NodeQueues}$", MaxLength: 1_000_000, MaxLengthBytes: 2L * 1024 * 1024 * 1024, Overflow: "reject-publish"),
        new("federation-error-queues", $"^{NodeQueues}_(error|skipped)$", MaxLength: 100_000, MaxLengthBytes: 512L * 1024 * 1024, Overflow: "drop-head"),
        new("federation-bus-endpoints", "_bus_", MaxLength: 10_000, MaxLengthBytes: 64L * 1024 * 1024, Overflow: "reject-publish"),
    ];

    /// <summary>The policy's definition, with RabbitMQ's own key names.</summary>
    public IReadOnlyDictionary<string, object> Definition => new Dictionary<string, object>
    {
        ["max-length"] = MaxLength,
        ["max-length-bytes"] = MaxLengthBytes,
        ["overflow"] = Overflow,
    };
}
