using Federation.Clients.Registration;

namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// The hubs this hub trusts, as last read from the catalogue's registry. Replaced as a whole, never edited, so a
/// reader always sees one consistent list. Until a list has been read, only this hub itself is known: nothing
/// foreign is trusted by default. A hub whose issuer or API is not at an address the <see cref="PeerUrlRule"/>
/// allows (https outside Development) is left out, as if it were not on the list.
/// </summary>
public sealed partial class FederationTrustList(PeerUrlRule urls, ILogger<FederationTrustList> logger)
{
    private volatile Snapshot current = new("", [], DateTimeOffset.MinValue);

    public Snapshot Current => current;

    public bool IsLoaded => current.Version.Length > 0;

    public void Replace(Snapshot snapshot)
    {
        foreach (var plain in snapshot.Hubs.Where(hub => !Usable(hub)))
        {
            LogPlainHttpPeer(logger, plain.HubId);
        }

        current = snapshot with { Hubs = [.. snapshot.Hubs.Where(Usable)] };
    }

    public TrustedHub? FindByIssuer(Uri issuer) => current.Hubs.FirstOrDefault(hub => SameIssuer(hub.Issuer, issuer));

    public TrustedHub? FindByHubId(string hubId) => current.Hubs.FirstOrDefault(hub => hub.HubId == hubId);

    /// <summary>Issuers compare as absolute URIs, with or without the trailing slash that discovery documents add.</summary>
    public static bool SameIssuer(Uri a, Uri b) =>
        string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    private bool Usable(TrustedHub hub) => urls.Allows(hub.Issuer) && urls.Allows(hub.ApiBaseUrl);

    [LoggerMessage(LogLevel.Warning, "{HubId} is on the trust list with an address that is not https; it is not trusted here")]
    private static partial void LogPlainHttpPeer(ILogger logger, string hubId);

    public sealed record Snapshot(string Version, IReadOnlyList<TrustedHub> Hubs, DateTimeOffset FetchedAt);
}
