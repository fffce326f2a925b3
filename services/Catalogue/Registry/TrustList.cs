using Federation.Contracts.Catalogue;
using System.Security.Cryptography;
using System.Text;

namespace Federation.Catalogue.Registry;

/// <summary>
/// The federation trust list: for each member hub, the issuer of its tokens and its API. Every hub accepts exactly
/// the issuers on it. An issuer is listed only for a hub of <see cref="RegistryOptions.FederationHubs"/>, only when
/// it lies on the same origin as the hub's API, and only when no other hub announced the same issuer.
/// </summary>
public sealed record TrustList(string Version, IReadOnlyList<TrustListEntry> Hubs)
{
    public static TrustList From(IEnumerable<HubRecord> records, IReadOnlyCollection<string> federationHubs)
    {
        var candidates = records
            .Where(hub => federationHubs.Contains(hub.Id) && hub.Issuer is not null && hub.ApiBaseUrl is not null)
            .Where(hub => SameOrigin(hub.Issuer!, hub.ApiBaseUrl!))
            .ToList();
        var claimedTwice = candidates.GroupBy(hub => Normalise(hub.Issuer!)).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet();
        var entries = candidates
            .Where(hub => !claimedTwice.Contains(Normalise(hub.Issuer!)))
            .OrderBy(hub => hub.Id, StringComparer.Ordinal)
            .Select(hub => new TrustListEntry(hub.Id, hub.DisplayName, hub.Issuer!, hub.ApiBaseUrl!))
            .ToList();
        return new TrustList(VersionOf(entries), entries);
    }

    // Changes exactly when an entry does, so hubs can ask "has it changed?" with If-None-Match.
    private static string VersionOf(IEnumerable<TrustListEntry> entries)
    {
        var text = string.Join('\n', entries.Select(entry => $"{entry.HubId}\t{entry.Issuer.AbsoluteUri}\t{entry.ApiBaseUrl.AbsoluteUri}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.GetLeftPart(UriPartial.Authority), b.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(Uri issuer) => issuer.AbsoluteUri.TrimEnd('/');
}
