using Federation.Clients.OAuth;
using Federation.Clients.Registration;
using Federation.Contracts.Catalogue;
using Federation.Portal.Catalogue;
using Microsoft.Extensions.Options;

namespace Federation.Portal.SignIn;

/// <summary>
/// The hubs people may sign in at: exactly those on the federation trust list the catalogue publishes, with each
/// hub's discovery document and signing keys (through the shared <see cref="ProviderDiscovery"/>, which refuses a
/// document naming another issuer or keys from another origin); hubs at addresses that are not https are left out
/// outside Development. Both are read again after a minute, so that a hub
/// taken off the list can no longer sign anyone in to the portal, and new keys are picked up.
/// </summary>
public sealed partial class HubIssuers(
    IHttpClientFactory httpClients, IServiceScopeFactory scopes, ProviderDiscovery discovery, PeerUrlRule urls, IOptions<SignInOptions> options, TimeProvider clock,
    ILogger<HubIssuers> logger)
{
    public const string HttpClientName = "hub-issuers";
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    // A reference, swapped whole: requests read it concurrently and must never see half of an update.
    private volatile KeptTrustList? trustList;

    /// <summary>The hubs on the trust list; empty when the catalogue cannot be reached and none were read before.</summary>
    public async Task<IReadOnlyList<TrustListEntry>> TrustedHubsAsync(CancellationToken cancellationToken)
    {
        if (trustList is { } kept && clock.GetUtcNow() - kept.ReadAt < KeptFor)
        {
            return kept.Hubs;
        }

        using var scope = scopes.CreateScope();
        var published = await scope.ServiceProvider.GetRequiredService<CatalogueClient>().TrustListAsync(cancellationToken);
        if (published.Value is not { } list)
        {
            return trustList?.Hubs ?? [];
        }

        // A hub at an address that is not https (outside Development) is not offered, nor called.
        IReadOnlyList<TrustListEntry> usable = [.. list.Hubs.Where(hub => urls.Allows(hub.Issuer) && urls.Allows(hub.ApiBaseUrl))];
        trustList = new KeptTrustList(usable, clock.GetUtcNow());
        return usable;
    }

    /// <summary>
    /// The issuer of a trusted hub, or null when the hub is not on the trust list or its provider cannot be read or
    /// trusted. With <paramref name="keyId"/>, keys kept that do not hold it are read again (a hub that rolled its keys).
    /// </summary>
    public async Task<HubIssuer?> FindAsync(string hubId, CancellationToken cancellationToken, string? keyId = null)
    {
        var entry = (await TrustedHubsAsync(cancellationToken)).FirstOrDefault(hub => hub.HubId == hubId);
        if (entry is null)
        {
            return null;
        }

        try
        {
            var provider = await discovery.DiscoverAsync(entry.Issuer, keyId, cancellationToken);
            return new HubIssuer(entry.HubId, entry.DisplayName, entry.ApiBaseUrl, provider);
        }
        catch (OAuthDiscoveryException exception)
        {
            LogDiscoveryFailed(logger, hubId, exception.Reason);
            return null;
        }
    }

    /// <summary>The portal's OAuth client at <paramref name="issuer"/>: the public client the hubs register for it.</summary>
    public OAuthClient ClientAt(HubIssuer issuer) =>
        new(httpClients.CreateClient(HttpClientName), issuer.Provider.Endpoints, options.Value.ClientId);

    [LoggerMessage(LogLevel.Warning, "The OpenID provider of {HubId} could not be read or is not trusted; nobody is signed in there: {Reason}")]
    private static partial void LogDiscoveryFailed(ILogger logger, string hubId, string reason);

    private sealed record KeptTrustList(IReadOnlyList<TrustListEntry> Hubs, DateTimeOffset ReadAt);
}
