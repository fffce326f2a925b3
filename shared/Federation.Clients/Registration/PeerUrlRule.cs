namespace Federation.Clients.Registration;

/// <summary>
/// Which addresses of another member of the federation (its issuer, keys, endpoints and API) may be used: https only,
/// except in Development or where configuration allows plain http for a private container network
/// (<c>Federation:AllowPlainHttpPeers</c>, as the docker compose run does). A peer named by an http address
/// elsewhere is treated as not there at all, so a token, key or answer can never travel in the clear.
/// </summary>
public sealed class PeerUrlRule(bool requireHttps)
{
    public const string AllowPlainHttpSetting = "Federation:AllowPlainHttpPeers";

    /// <summary>Any http or https address: for tests and tools that talk to a peer on this machine.</summary>
    public static readonly PeerUrlRule AnyScheme = new(false);

    public bool RequireHttps => requireHttps;

    public static PeerUrlRule For(bool isDevelopment, bool allowPlainHttp) => new(!isDevelopment && !allowPlainHttp);

    public bool Allows(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (!requireHttps && url.Scheme == Uri.UriSchemeHttp));
}
