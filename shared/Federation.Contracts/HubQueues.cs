namespace Federation.Contracts;

/// <summary>Where a hub takes what is addressed to it alone, and the names a broker's permissions are written for.</summary>
public static class HubQueues
{
    /// <summary>
    /// The topic exchange decisions (and news of a member's standing, <see cref="MemberStandingChanged"/>) travel on,
    /// routed by the recipient's hub id. Each hub's queue is bound with its own
    /// id only, and the broker's topic permissions let a hub bind no other key, so no hub reads another's decisions.
    /// </summary>
    public const string DecisionExchange = "federation.decisions";

    /// <summary>The topic exchange the catalogue's requests to resend travel on, routed like decisions; only the catalogue may write to it.</summary>
    public const string ResyncExchange = "federation.resync-requests";

    public static string For(string hubId) => $"hub-{hubId}";
}
