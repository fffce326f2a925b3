using Federation.Contracts.Catalogue;

namespace Federation.Catalogue.Registry;

/// <summary>How the registry turns what it knows of a hub into the <see cref="HubStatus"/> it shows.</summary>
internal static class HubStatuses
{
    /// <param name="kind">What the authority's verified statement says the member is; never what it announced.</param>
    public static HubStatus Of(HubRecord hub, DateTimeOffset now, TimeSpan silentAfter, string kind)
    {
        var online = hub.LastHeartbeatAt is { } beat && now - beat <= silentAfter;
        var caughtUp = !hub.Applied.HasGap && hub.Applied.ContiguousThrough >= hub.ReportedThrough && hub.DigestMatches != false;
        var status = !online ? "offline" : caughtUp ? "in-sync" : hub.Resync is not null ? "resyncing" : "catching-up";
        return new HubStatus(hub.Id, hub.DisplayName, hub.ApiBaseUrl, hub.Applied.ContiguousThrough, hub.ReportedThrough, hub.Lag,
            hub.LastEventAt, hub.LastHeartbeatAt, hub.PublishedCount, online && caughtUp, status, hub.DigestMatches,
            hub.ResyncsRequested, hub.Resync?.Reason) { Kind = kind };
    }
}
