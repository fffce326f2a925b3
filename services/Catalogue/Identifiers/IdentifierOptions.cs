namespace Federation.Catalogue.Identifiers;

/// <summary>
/// Where persistent URIs live and where people read what they name. <see cref="BaseUrl"/> is the public address the
/// URIs are minted under (the catalogue's, e.g. <c>https://catalogus.federatie.example/</c>): it must never change
/// once URIs are cited; unset, the address the request came in on is used, right for a single local catalogue.
/// <see cref="PortalUrl"/> is the portal a browser is sent to for a resource's page; unset, a URI offers no web page.
/// </summary>
public sealed class IdentifierOptions
{
    public const string Section = "Identifiers";

    public Uri? BaseUrl { get; set; }

    public Uri? PortalUrl { get; set; }
}
