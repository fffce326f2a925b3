namespace Federation.Catalogue.Identifiers;

/// <summary>
/// Where persistent URIs live and where people read what they name. <see cref="BaseUrl"/> is the public address the
/// URIs are minted under (the catalogue's, e.g. <c>https://catalogus.federatie.example/</c>): it must never change
/// once URIs are cited; unset, the address the request came in on is used, right for a single local catalogue.
/// <see cref="PortalUrl"/> is the portal a browser is sent to for a resource's page; unset, a URI offers no web page.
/// Both must be absolute http(s) addresses without query or fragment, checked at start.
/// </summary>
public sealed class IdentifierOptions
{
    public const string Section = "Identifiers";

    public Uri? BaseUrl { get; set; }

    public Uri? PortalUrl { get; set; }

    public static bool IsUsable(Uri? address) =>
        address is null
        || (address.IsAbsoluteUri && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp)
            && address.Query.Length == 0 && address.Fragment.Length == 0 && address.UserInfo.Length == 0);

    /// <summary>An address as a base for relative ones: with a trailing slash, so its last segment stays.</summary>
    public static Uri AsBase(Uri address) => address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
