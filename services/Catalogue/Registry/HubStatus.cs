namespace Federation.Catalogue.Registry;

/// <summary>How one hub stands in the catalogue, as the registry shows it.</summary>
public sealed record HubStatus(
    string Id,
    string DisplayName,
    Uri? ApiBaseUrl,
    long LastSequenceApplied,
    long LastSequenceReported,
    long Lag,
    DateTimeOffset? LastEventAt,
    DateTimeOffset? LastHeartbeatAt,
    int ResourceCount,
    bool InSync,
    string Status,
    bool? DigestMatches,
    int ResyncsRequested,
    string? ResyncInProgress)
{
    public static HubStatus Of(HubRecord hub, DateTimeOffset now, TimeSpan silentAfter)
    {
        var online = hub.LastHeartbeatAt is { } beat && now - beat <= silentAfter;
        var caughtUp = !hub.Applied.HasGap && hub.Applied.ContiguousThrough >= hub.ReportedThrough && hub.DigestMatches != false;
        var status = !online ? "offline" : caughtUp ? "in-sync" : hub.Resync is not null ? "resyncing" : "catching-up";
        return new HubStatus(hub.Id, hub.DisplayName, hub.ApiBaseUrl, hub.Applied.ContiguousThrough, hub.ReportedThrough, hub.Lag,
            hub.LastEventAt, hub.LastHeartbeatAt, hub.PublishedCount, online && caughtUp, status, hub.DigestMatches,
            hub.ResyncsRequested, hub.Resync?.Reason);
    }
}
