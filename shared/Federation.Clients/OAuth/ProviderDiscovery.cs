using System.Collections.Concurrent;
using System.Text.Json;
using Federation.Clients.Registration;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Clients.OAuth;

/// <summary>
/// Reads an issuer's discovery document and signing keys, and keeps them for <c>keptFor</c>. The document must name
/// the issuer it was asked for (else its endpoints are not that issuer's), and its JWKS must be served from the
/// issuer's own origin: a document that points the keys elsewhere is refused, as the hubs refuse it for foreign
/// tokens. A key id not yet known triggers one fresh read, at most every <see cref="RefreshFloor"/>, so a key
/// rollover is picked up without letting anyone make us fetch on every request; a read that failed is not tried again
/// for as long either. Every address must pass the <see cref="PeerUrlRule"/> (https outside Development).
/// </summary>
public sealed class ProviderDiscovery(Func<HttpClient> httpClients, TimeProvider clock, PeerUrlRule urls, TimeSpan? keptFor = null)
{
    public static readonly TimeSpan RefreshFloor = TimeSpan.FromSeconds(30);

    private readonly TimeSpan maxAge = keptFor ?? TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (OAuthProvider Provider, DateTimeOffset ReadAt)> kept = new(StringComparer.Ordinal);
    // One read at a time per issuer, so that a hub that does not answer holds up no other hub's sign-in.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> reading = new(StringComparer.Ordinal);
    // The last read that failed, per issuer: for RefreshFloor after it, callers get its failure at once instead of each
    // waiting in turn for a read of their own to time out against an issuer that is down.
    private readonly ConcurrentDictionary<string, (OAuthDiscoveryException Failure, DateTimeOffset At)> failed = new(StringComparer.Ordinal);

    /// <summary>The provider at <paramref name="issuer"/>, from the cache while it is fresh and knows <paramref name="keyId"/>.</summary>
    /// <exception cref="OAuthDiscoveryException">The provider cannot be read, or is not to be trusted.</exception>
    public async Task<OAuthProvider> DiscoverAsync(Uri issuer, string? keyId = null, CancellationToken cancellationToken = default)
    {
        if (Fresh(issuer, keyId) is { } provider)
        {
            return provider;
        }

        ThrowIfFailedLately(issuer);
        var gate = reading.GetOrAdd(issuer.AbsoluteUri, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have read it while this one waited.
            if (Fresh(issuer, keyId) is { } justRead)
            {
                return justRead;
            }

            ThrowIfFailedLately(issuer);
            try
            {
                var read = await ReadAsync(issuer, cancellationToken);
                kept[issuer.AbsoluteUri] = (read, clock.GetUtcNow());
                failed.TryRemove(issuer.AbsoluteUri, out _);
                return read;
            }
            catch (OAuthDiscoveryException failure)
            {
                failed[issuer.AbsoluteUri] = (failure, clock.GetUtcNow());
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops what is kept of <paramref name="issuer"/>, e.g. once it is no longer trusted: a later read starts afresh.</summary>
    public void Forget(Uri issuer)
    {
        kept.TryRemove(issuer.AbsoluteUri, out _);
        failed.TryRemove(issuer.AbsoluteUri, out _);
    }

    /// <summary>Whether a key is served from the issuer's own origin (scheme, host and port).</summary>
    public static bool OnIssuerOrigin(Uri keys, Uri issuer) =>
        string.Equals(keys.GetLeftPart(UriPartial.Authority), issuer.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    public static bool SameIssuer(string? announced, Uri issuer) =>
        announced is not null && string.Equals(announced.TrimEnd('/'), issuer.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    private void ThrowIfFailedLately(Uri issuer)
    {
        if (failed.TryGetValue(issuer.AbsoluteUri, out var last) && clock.GetUtcNow() - last.At < RefreshFloor)
        {
            throw new OAuthDiscoveryException(issuer, $"{last.Failure.Reason} (read {(int)(clock.GetUtcNow() - last.At).TotalSeconds} s ago; read again after {RefreshFloor.TotalSeconds:0} s)", last.Failure);
        }
    }

    private OAuthProvider? Fresh(Uri issuer, string? keyId)
    {
        if (!kept.TryGetValue(issuer.AbsoluteUri, out var entry))
        {
            return null;
        }

        var age = clock.GetUtcNow() - entry.ReadAt;
        var knowsKey = keyId is null || entry.Provider.SigningKeys.Any(key => key.KeyId == keyId);
        return age < maxAge && (knowsKey || age < RefreshFloor) ? entry.Provider : null;
    }

    private async Task<OAuthProvider> ReadAsync(Uri issuer, CancellationToken cancellationToken)
    {
        if (!urls.Allows(issuer))
        {
            throw new OAuthDiscoveryException(issuer, "its address is not https, and only https is used outside Development.");
        }

        var http = httpClients();
        try
        {
            var discoveryUrl = new Uri(new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/"), ".well-known/openid-configuration");
            using var discovery = JsonDocument.Parse(await http.GetStringAsync(discoveryUrl, cancellationToken));
            var document = discovery.RootElement;
            if (!SameIssuer(Text(document, "issuer"), issuer))
            {
                throw new OAuthDiscoveryException(issuer, $"its discovery document names another issuer ({Text(document, "issuer")}).");
            }

            var jwksUri = Address(document, "jwks_uri") ?? throw new OAuthDiscoveryException(issuer, "its discovery document names no jwks_uri.");
            if (!OnIssuerOrigin(jwksUri, issuer))
            {
                throw new OAuthDiscoveryException(issuer, $"its signing keys are served from another origin ({jwksUri}).");
            }

            var keys = new JsonWebKeySet(await http.GetStringAsync(jwksUri, cancellationToken));
            var provider = new OAuthProvider(
                issuer,
                Address(document, "authorization_endpoint") ?? throw new OAuthDiscoveryException(issuer, "its discovery document names no authorization_endpoint."),
                Address(document, "token_endpoint") ?? throw new OAuthDiscoveryException(issuer, "its discovery document names no token_endpoint."),
                Address(document, "revocation_endpoint"),
                Address(document, "end_session_endpoint"),
                jwksUri,
                [.. keys.GetSigningKeys()]);
            if (new[] { provider.AuthorizationEndpoint, provider.TokenEndpoint, provider.RevocationEndpoint, provider.EndSessionEndpoint }
                    .FirstOrDefault(endpoint => endpoint is not null && !urls.Allows(endpoint)) is { } plain)
            {
                throw new OAuthDiscoveryException(issuer, $"its discovery document names an endpoint that is not https ({plain}).");
            }

            return provider;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or ArgumentException or UriFormatException or InvalidOperationException
                                          || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new OAuthDiscoveryException(issuer, exception.Message, exception);
        }
    }

    private static string? Text(JsonElement document, string name) =>
        document.ValueKind == JsonValueKind.Object && document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Uri? Address(JsonElement document, string name) =>
        Text(document, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https" ? address : null;
}
