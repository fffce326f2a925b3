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
    // What hubs say about themselves, each on the exchange MassTransit names after the message type.
    private const string HubEvents = @"Federation\.Contracts:(ResourcePublished|ResourceChanged|ResourceWithdrawn|ResourcesResent|HubAnnounced|HubHeartbeat)";

    // MassTransit's per-process bus endpoint (host_process_bus_random): declared, read and written by each process itself.
    private const string BusEndpoints = ".*_bus_.*";

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
        return new(
            Configure: $"^({queue}|{own}|{BusEndpoints})$",
            Write: $"^({queue}|{own}|{HubEvents}|{decisions}|{BusEndpoints})$",
            Read: $"^({queue}|{own}|{decisions}|{resync}|{BusEndpoints})$",
            Topics:
            [
                new(HubQueues.DecisionExchange, Write: ".*", Read: ownKey),
                new(HubQueues.ResyncExchange, Write: "^$", Read: ownKey),
            ]);
    }

    /// <summary>The catalogue's account (every replica shares it).</summary>
    public static BrokerPermissions ForCatalogue(string queue = "catalogue")
    {
        var own = Regex.Escape(queue) + "(_error|_skipped)?";
        var resync = Regex.Escape(HubQueues.ResyncExchange);
        return new(
            Configure: $"^({own}|{HubEvents}|{resync}|{BusEndpoints})$",
            Write: $"^({own}|{resync}|{BusEndpoints})$",
            Read: $"^({own}|{HubEvents}|{BusEndpoints})$",
            Topics: [new(HubQueues.ResyncExchange, Write: ".*", Read: "^$")]);
    }
}

/// <summary>Which routing keys an account may publish with (<paramref name="Write"/>) and bind with (<paramref name="Read"/>) on one topic exchange.</summary>
public sealed record TopicPermission(string Exchange, string Write, string Read);
