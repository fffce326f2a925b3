using System.Text.Json;
using Federation.Catalogue.Exports.DcatAp;
using Federation.Catalogue.Exports.ModelCards;
using Federation.Catalogue.Exports.SchemaOrg;
using Federation.Catalogue.Identifiers;
using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.Rdf;
using Marten;

namespace Federation.Catalogue.Exports;

/// <summary>
/// The documents the catalogue writes of a resource, the same whether asked for at an export address or at the
/// resource's persistent URI: every one names the resource by that URI.
/// </summary>
public sealed class ResourceDocuments(PersistentUris uris)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public enum Syntax
    {
        JsonLd,
        Turtle,
        NTriples,
    }

    public async Task<DcatApMapper> MapperAsync(HttpRequest request, IQuerySession session, CancellationToken cancellationToken)
    {
        var hubs = await session.Query<HubRecord>().ToListAsync(cancellationToken);
        var catalogueBase = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        return new DcatApMapper(catalogueBase, uris.BaseFor(request), hubs.ToDictionary(h => h.Id, h => (h.DisplayName, h.ApiBaseUrl)));
    }

    public async Task<IResult> DcatApAsync(HttpRequest request, IQuerySession session, CatalogueEntry entry, Syntax syntax, CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(request, session, cancellationToken);
        var graph = new RdfGraph();
        mapper.Resource(graph, entry.Resource);
        return Rdf(graph, syntax);
    }

    public static IResult Rdf(RdfGraph graph, Syntax syntax) => syntax switch
    {
        Syntax.Turtle => Results.Text(TurtleWriter.Write(graph), "text/turtle; charset=utf-8"),
        Syntax.NTriples => Results.Text(NTriplesWriter.Write(graph), "application/n-triples; charset=utf-8"),
        _ => Results.Text(JsonLdWriter.Write(graph).ToJsonString(Indented), "application/ld+json; charset=utf-8"),
    };

    /// <summary>A dataset as schema.org or Croissant JSON-LD, with its citation as Croissant's <c>citeAs</c>.</summary>
    public IResult DatasetDocument(HttpRequest request, CatalogueEntry entry, HubRecord? hub, bool croissant)
    {
        var iri = uris.For(request, entry.HubId, entry.Id);
        var hubName = hub?.DisplayName ?? entry.HubId;
        var hubPage = hub?.ResourceAt(entry.Id);
        var document = croissant
            ? SchemaOrgDataset.Croissant(entry.Resource, iri, hubPage, hubName, ResourceCitations.Of(entry.Resource, hubName, iri).BibTex)
            : SchemaOrgDataset.Describe(entry.Resource, iri, hubPage, hubName);
        return Results.Text(document.ToJsonString(Indented), "application/ld+json; charset=utf-8");
    }

    public static IResult ModelCard(CatalogueEntry entry, HubRecord? hub) =>
        Results.Text(ModelCardMarkdown.Write(entry.Resource, hub?.DisplayName ?? entry.HubId), "text/markdown; charset=utf-8");
}
