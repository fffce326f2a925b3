namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// The hubs this hub trusts, as last read from the catalogue's registry. Replaced as a whole, never edited, so a
/// reader always sees one consistent list. Until a list has been read, only this hub itself is known: nothing
/// foreign is trusted by default.
/// </summary>
public sealed class FederationTrustList
{
    private volatile Snapshot current = new("", [], DateTimeOffset.MinValue);

    public Snapshot Current => current;

    public bool IsLoaded => current.Version.Length > 0;

    public void Replace(Snapshot snapshot) => current = snapshot;

    public TrustedHub? FindByIssuer(Uri issuer) => current.Hubs.FirstOrDefault(hub => SameIssuer(hub.Issuer, issuer));

    public TrustedHub? FindByHubId(string hubId) => current.Hubs.FirstOrDefault(hub => hub.HubId == hubId);

    /// <summary>Issuers compare as absolute URIs, with or without the trailing slash that discovery documents add.</summary>
    public static bool SameIssuer(Uri a, Uri b) =>
        string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    public sealed record Snapshot(string Version, IReadOnlyList<TrustedHub> Hubs, DateTimeOffset FetchedAt);
}
