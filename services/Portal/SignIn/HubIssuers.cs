using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Catalogue;
using Federation.Portal.Catalogue;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Portal.SignIn;

/// <summary>
/// The hubs people may sign in at: exactly those on the federation trust list the catalogue publishes, with each
/// hub's discovery document and signing keys. Read again after a minute, so that a hub taken off the list can no
/// longer sign anyone in to the portal, and new keys are picked up.
/// </summary>
public sealed partial class HubIssuers(IHttpClientFactory httpClients, IServiceScopeFactory scopes, TimeProvider clock, ILogger<HubIssuers> logger)
{
    public const string HttpClientName = "hub-issuers";
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim reading = new(1, 1);
    // A reference, swapped whole: requests read it concurrently and must never see half of an update.
    private volatile KeptTrustList? trustList;
    private readonly Dictionary<string, (HubIssuer Issuer, DateTimeOffset ReadAt)> issuers = new(StringComparer.Ordinal);

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

        trustList = new KeptTrustList(list.Hubs, clock.GetUtcNow());
        return list.Hubs;
    }

    /// <summary>The issuer of a trusted hub, or null when the hub is not on the trust list or its provider cannot be read.</summary>
    public async Task<HubIssuer?> FindAsync(string hubId, CancellationToken cancellationToken)
    {
        var entry = (await TrustedHubsAsync(cancellationToken)).FirstOrDefault(hub => hub.HubId == hubId);
        if (entry is null)
        {
            return null;
        }

        await reading.WaitAsync(cancellationToken);
        try
        {
            if (issuers.TryGetValue(hubId, out var kept) && kept.Issuer.Issuer == entry.Issuer && clock.GetUtcNow() - kept.ReadAt < KeptFor)
            {
                return kept.Issuer;
            }

            var issuer = await DiscoverAsync(entry, cancellationToken);
            if (issuer is not null)
            {
                issuers[hubId] = (issuer, clock.GetUtcNow());
            }

            return issuer;
        }
        finally
        {
            reading.Release();
        }
    }

    private async Task<HubIssuer?> DiscoverAsync(TrustListEntry hub, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        try
        {
            var discovery = await http.GetFromJsonAsync<JsonElement>(new Uri(hub.Issuer, ".well-known/openid-configuration"), cancellationToken);
            // The discovery document must speak for the issuer the trust list names, or its endpoints are not the hub's.
            if (!SameIssuer(discovery.GetProperty("issuer").GetString(), hub.Issuer))
            {
                LogIssuerMismatch(logger, hub.HubId, hub.Issuer);
                return null;
            }

            var keys = new JsonWebKeySet(await http.GetStringAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!), cancellationToken));
            return new HubIssuer(hub.HubId, hub.DisplayName, hub.Issuer, hub.ApiBaseUrl,
                new Uri(discovery.GetProperty("authorization_endpoint").GetString()!),
                new Uri(discovery.GetProperty("token_endpoint").GetString()!),
                discovery.TryGetProperty("end_session_endpoint", out var endSession) && endSession.GetString() is { } end ? new Uri(end) : null,
                [.. keys.GetSigningKeys()]);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException or UriFormatException or ArgumentException
                                          || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogDiscoveryFailed(logger, hub.HubId, exception.Message);
            return null;
        }
    }

    public static bool SameIssuer(string? announced, Uri issuer) =>
        announced is not null && string.Equals(announced.TrimEnd('/'), issuer.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    [LoggerMessage(LogLevel.Warning, "The discovery document of {HubId} names another issuer than the trust list ({Issuer}); nobody is signed in there")]
    private static partial void LogIssuerMismatch(ILogger logger, string hubId, Uri issuer);

    [LoggerMessage(LogLevel.Warning, "The OpenID provider of {HubId} could not be read: {Reason}")]
    private static partial void LogDiscoveryFailed(ILogger logger, string hubId, string reason);

    private sealed record KeptTrustList(IReadOnlyList<TrustListEntry> Hubs, DateTimeOffset ReadAt);
}
