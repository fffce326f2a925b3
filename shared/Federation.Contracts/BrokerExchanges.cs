namespace Federation.Contracts;

/// <summary>
/// The exchanges every node of the federation shares, and the ones each hub owns. Declaring an exchange takes the
/// right to configure it, and that right is also the right to delete it (and with it every binding, so that what other
/// hubs send reaches no one until someone notices). So no hub may configure a shared exchange: the federation's
/// operator declares them once, with the vhost (<see cref="Shared"/>), and a hub publishes to exchanges of its own
/// (<see cref="OwnedBy"/>) that it binds to the shared ones. What a hub can break that way is its own messages.
/// </summary>
public static class BrokerExchanges
{
    /// <summary>What hubs say about themselves: one fanout exchange per message type, named as MassTransit names them.</summary>
    public static IReadOnlyList<Type> HubEvents { get; } =
        [typeof(ResourcePublished), typeof(ResourceChanged), typeof(ResourceWithdrawn), typeof(ResourcesResent), typeof(HubAnnounced), typeof(HubHeartbeat),
         typeof(ResourceActivityReported)];

    /// <summary>Every shared exchange, with the type and durability MassTransit gives it (a declaration must match them exactly).</summary>
    public static IReadOnlyList<SharedExchange> Shared { get; } =
    [
        .. HubEvents.Select(type => new SharedExchange(Of(type), SharedExchange.Fanout)),
        new(HubQueues.DecisionExchange, SharedExchange.Topic),
        new(HubQueues.ResyncExchange, SharedExchange.Topic),
    ];

    /// <summary>The exchanges a hub publishes to: one of its own for each shared exchange it may write to.</summary>
    public static IReadOnlyList<SharedExchange> HubWritesTo { get; } = [.. Shared.Where(exchange => exchange.Name != HubQueues.ResyncExchange)];

    /// <summary>The shared exchange of a message type (MassTransit's entity name: namespace, colon, type name).</summary>
    public static string Of(Type messageType) => $"{messageType.Namespace}:{messageType.Name}";

    /// <summary>Hub <paramref name="hubId"/>'s own exchange in front of <paramref name="shared"/>. Hub ids have no dots, so no hub's names are another's.</summary>
    public static string OwnedBy(string hubId, string shared) => $"{HubQueues.For(hubId)}.{shared}";

    /// <summary>
    /// Whether a message that arrived through <paramref name="exchange"/> (the exchange it was published to) was
    /// published to <paramref name="shared"/> directly or through a hub's own exchange in front of it (only shared
    /// exchanges hubs write to have those).
    /// </summary>
    public static bool IsSharedOrInFrontOf(string? exchange, string shared) =>
        exchange is not null && (exchange == shared
            || (HubWritesTo.Any(written => written.Name == shared) && exchange.EndsWith("." + shared, StringComparison.Ordinal)
                && IsHubQueueName(exchange[..^(shared.Length + 1)])));

    // hub-<id>, as HubQueues.For names it: hub ids are lower-case letters, digits and hyphens.
    private static bool IsHubQueueName(string name) =>
        name.StartsWith("hub-", StringComparison.Ordinal) && name.Length > 4 && name[4..].All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
