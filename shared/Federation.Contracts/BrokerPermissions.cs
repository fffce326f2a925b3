using System.Text.RegularExpressions;

namespace Federation.Contracts;

/// <summary>
/// The least a broker account needs on the federation's vhost, as RabbitMQ permissions (regular expressions over the
/// names of exchanges and queues) and topic permissions (over routing keys of a topic exchange). A hub's account
/// reads only its own queue, declares only its own queue and exchanges (never a shared one, which it could then
/// delete: <see cref="BrokerExchanges"/>), writes only the kinds of message a hub sends, and binds the two one-hub
/// exchanges only with its own id; the catalogue's account alone may ask hubs to resend. The local run, compose and
/// k8s grant exactly these (checked by Deployment.Tests).
/// </summary>
public sealed record BrokerPermissions(string Configure, string Write, string Read, IReadOnlyList<TopicPermission> Topics)
{
    // What hubs say about themselves, each on the exchange MassTransit names after the message type (one list:
    // BrokerExchanges.HubEvents, from which the hubs' links are made too).
    private static readonly string HubEvents =
        $@"{Regex.Escape(typeof(ResourcePublished).Namespace!)}:({string.Join('|', BrokerExchanges.HubEvents.Select(type => type.Name))})";

    /// <summary>The account of hub <paramref name="hubId"/>.</summary>
    public static BrokerPermissions ForHub(string hubId)
    {
        var queue = Regex.Escape(HubQueues.For(hubId)) + "(_error|_skipped)?";
        var decisions = Regex.Escape(HubQueues.DecisionExchange);
        var resync = Regex.Escape(HubQueues.ResyncExchange);
        // Its own exchanges in front of the shared ones it writes to: declared by the hub, bound by it to the shared ones
        // (which takes writing to the shared exchange and reading its own).
        var own = Regex.Escape(HubQueues.For(hubId)) + $@"\.({HubEvents}|{decisions})";
        var ownKey = $"^{Regex.Escape(hubId)}$";
        var busEndpoints = BusEndpoints(HubQueues.For(hubId));
        return new(
            Configure: $"^({queue}|{own}|{busEndpoints})$",
            Write: $"^({queue}|{own}|{HubEvents}|{decisions}|{busEndpoints})$",
            Read: $"^({queue}|{own}|{decisions}|{resync}|{busEndpoints})$",
            Topics:
            [
                new(HubQueues.DecisionExchange, Write: ".*", Read: ownKey),
                new(HubQueues.ResyncExchange, Write: "^$", Read: ownKey),
            ]);
    }

    /// <summary>The catalogue's account (every replica shares it).</summary>
    public static BrokerPermissions ForCatalogue()
    {
        const string queue = "catalogue";
        var own = Regex.Escape(queue) + "(_error|_skipped)?";
        var resync = Regex.Escape(HubQueues.ResyncExchange);
        var busEndpoints = BusEndpoints(queue);
        return new(
            Configure: $"^({own}|{HubEvents}|{resync}|{busEndpoints})$",
            Write: $"^({own}|{resync}|{busEndpoints})$",
            Read: $"^({own}|{HubEvents}|{busEndpoints})$",
            Topics: [new(HubQueues.ResyncExchange, Write: ".*", Read: "^$")]);
    }

    /// <summary>
    /// The name of a process's MassTransit bus endpoint (a temporary queue and exchange of its own, which every bus
    /// has): named after the node, so that each account may use its own processes' endpoints and no others.
    /// </summary>
    public static string BusEndpointName(string node) => $"{node}_bus_{Guid.NewGuid():N}";

    // What BusEndpointName gives for a node, as a pattern.
    private static string BusEndpoints(string node) => Regex.Escape(node) + "_bus_[0-9a-f]{32}";
}

/// <summary>Which routing keys an account may publish with (<paramref name="Write"/>) and bind with (<paramref name="Read"/>) on one topic exchange.</summary>
public sealed record TopicPermission(string Exchange, string Write, string Read);
