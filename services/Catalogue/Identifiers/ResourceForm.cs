using Federation.Contracts;

namespace Federation.Catalogue.Identifiers;

/// <summary>
/// One form a persistent URI can answer in: its media type (with the profile or style that tells forms of one media
/// type apart), the <c>format</c> word a link can ask for it by, and the kinds of resource it exists for. The order of
/// <see cref="All"/> is the catalogue's preference where a client accepts several equally.
/// </summary>
public sealed record ResourceForm(string Format, string MediaType, string? Parameter, string? ParameterValue, IReadOnlySet<ResourceKind>? Kinds)
{
    private static readonly IReadOnlySet<ResourceKind> DatasetsAndServices = new HashSet<ResourceKind> { ResourceKind.Dataset, ResourceKind.Compute };

    /// <summary>The resource's page in the portal, reached by a 303 redirect.</summary>
    public static readonly ResourceForm Page = new("html", "text/html", null, null, null);

    public static readonly ResourceForm DcatApJsonLd = new("jsonld", "application/ld+json", "profile", "http://data.europa.eu/r5r/", DatasetsAndServices);

    public static readonly ResourceForm DcatApTurtle = new("ttl", "text/turtle", null, null, DatasetsAndServices);

    public static readonly ResourceForm DcatApNTriples = new("nt", "application/n-triples", null, null, DatasetsAndServices);

    public static readonly ResourceForm SchemaOrg = new("schema.org", "application/ld+json", "profile", "https://schema.org/", new HashSet<ResourceKind> { ResourceKind.Dataset });

    public static readonly ResourceForm Croissant = new("croissant", "application/ld+json", "profile", "http://mlcommons.org/croissant/1.0", new HashSet<ResourceKind> { ResourceKind.Dataset });

    public static readonly ResourceForm ModelCard = new("model-card", "text/markdown", null, null, new HashSet<ResourceKind> { ResourceKind.Model });

    /// <summary>The catalogue's own JSON record of the resource, as <c>GET /resources/{id}</c> answers.</summary>
    public static readonly ResourceForm CatalogueJson = new("json", "application/json", null, null, null);

    public static readonly ResourceForm BibTex = new("bibtex", "application/x-bibtex", null, null, null);

    /// <summary>A formatted citation, as DOI resolvers answer <c>text/x-bibliography; style=apa</c>.</summary>
    public static readonly ResourceForm Apa = new("apa", "text/x-bibliography", "style", "apa", null);

    public static readonly IReadOnlyList<ResourceForm> All =
        [Page, DcatApJsonLd, DcatApTurtle, DcatApNTriples, SchemaOrg, Croissant, ModelCard, CatalogueJson, BibTex, Apa];

    public bool IsFor(ResourceKind kind) => Kinds is null || Kinds.Contains(kind);

    public string ContentType => Parameter is null ? MediaType : $"{MediaType}; {Parameter}=\"{ParameterValue}\"";
}
