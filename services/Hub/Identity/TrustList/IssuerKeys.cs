using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// The signing keys of each trusted issuer, read from its discovery document and JWKS and kept in memory. A key id
/// not yet known triggers one fresh read (at most every <see cref="RefreshFloor"/>), which is how a peer's key
/// rollover is picked up without letting an attacker make us fetch on every request.
/// </summary>
public sealed partial class IssuerKeys(IHttpClientFactory httpClients, TimeProvider clock, ILogger<IssuerKeys> logger)
{
    public const string HttpClientName = "federation-peers";

    private static readonly TimeSpan RefreshFloor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, CachedKeys> cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SecurityKey>> GetAsync(TrustedHub hub, string? keyId, CancellationToken cancellationToken)
    {
        var key = hub.Issuer.AbsoluteUri;
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out var cached) && cached.Issuer == hub.Issuer
            && now - cached.FetchedAt < MaxAge
            && (keyId is null || cached.Keys.Any(k => k.KeyId == keyId) || now - cached.FetchedAt < RefreshFloor))
        {
            return cached.Keys;
        }

        try
        {
            var keys = await FetchAsync(hub.Issuer, cancellationToken);
            cache[key] = new CachedKeys(hub.Issuer, keys, now);
            return keys;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or ArgumentException or InvalidOperationException or TaskCanceledException)
        {
            LogFetchFailed(logger, hub.HubId, exception.Message);
            // A peer briefly away keeps its last known keys; one never reached has none, so its tokens are refused.
            return cached?.Keys ?? [];
        }
    }

    /// <summary>Drops whatever is cached for issuers no longer on the list.</summary>
    public void Retain(IEnumerable<TrustedHub> trusted)
    {
        var keep = trusted.Select(hub => hub.Issuer.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        foreach (var issuer in cache.Keys.Where(issuer => !keep.Contains(issuer)))
        {
            cache.TryRemove(issuer, out _);
        }
    }

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync(Uri issuer, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var discoveryUrl = new Uri(new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/"), ".well-known/openid-configuration");
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(discoveryUrl, cancellationToken));
        var jwksUri = new Uri(discovery.RootElement.GetProperty("jwks_uri").GetString()!);
        // The keys must come from the issuer's own origin: a discovery document pointing elsewhere is not trusted.
        if (!string.Equals(jwksUri.GetLeftPart(UriPartial.Authority), issuer.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The JWKS of {issuer} is served from another origin ({jwksUri}).");
        }

        var keySet = new JsonWebKeySet(await http.GetStringAsync(jwksUri, cancellationToken));
        return [.. keySet.GetSigningKeys()];
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the signing keys of hub {HubId}: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string hubId, string reason);

    private sealed record CachedKeys(Uri Issuer, IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);
}
