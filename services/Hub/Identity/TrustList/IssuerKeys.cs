using System.Collections.Concurrent;
using Federation.Clients.OAuth;
using Federation.Clients.Registration;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// The signing keys of each trusted issuer, read through the federation's one <see cref="ProviderDiscovery"/>: the
/// discovery document must name the issuer asked for, and its JWKS must be on the issuer's own origin, exactly as the
/// portal and the CLI check it. Keys are kept an hour; a key id not yet known triggers one fresh read (at most every
/// <see cref="ProviderDiscovery.RefreshFloor"/>), which is how a peer's key rollover is picked up without letting an
/// attacker make us fetch on every request. A peer briefly away keeps the keys last read from it.
/// </summary>
public sealed partial class IssuerKeys
{
    public const string HttpClientName = "federation-peers";

    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly ProviderDiscovery discovery;
    private readonly ILogger<IssuerKeys> logger;
    private readonly ConcurrentDictionary<string, IReadOnlyList<SecurityKey>> lastRead = new(StringComparer.Ordinal);

    public IssuerKeys(IHttpClientFactory httpClients, TimeProvider clock, PeerUrlRule urls, ILogger<IssuerKeys> logger)
    {
        discovery = new ProviderDiscovery(() => httpClients.CreateClient(HttpClientName), clock, urls, MaxAge);
        this.logger = logger;
    }

    public async Task<IReadOnlyList<SecurityKey>> GetAsync(TrustedHub hub, string? keyId, CancellationToken cancellationToken)
    {
        try
        {
            var keys = (await discovery.DiscoverAsync(hub.Issuer, keyId, cancellationToken)).SigningKeys;
            lastRead[hub.Issuer.AbsoluteUri] = keys;
            return keys;
        }
        catch (OAuthDiscoveryException exception)
        {
            LogFetchFailed(logger, hub.HubId, exception.Reason);
            // A peer briefly away keeps its last known keys; one never reached (or not to be trusted) has none, so its
            // tokens are refused.
            return lastRead.GetValueOrDefault(hub.Issuer.AbsoluteUri) ?? [];
        }
    }

    /// <summary>Drops whatever is kept for issuers no longer on the list.</summary>
    public void Retain(IEnumerable<TrustedHub> trusted)
    {
        var keep = trusted.Select(hub => hub.Issuer.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        foreach (var issuer in lastRead.Keys.Where(issuer => !keep.Contains(issuer)))
        {
            lastRead.TryRemove(issuer, out _);
            discovery.Forget(new Uri(issuer));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the signing keys of hub {HubId}: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string hubId, string reason);
}
