using System.Text.Json;
using Federation.Catalogue.Exports.DcatAp;
using Federation.Catalogue.Exports.ModelCards;
using Federation.Rdf;
using Federation.Catalogue.Exports.SchemaOrg;
using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.Contracts;
using Marten;

namespace Federation.Catalogue.Exports;

/// <summary>
/// The catalogue in the standards others read: DCAT-AP 3 for the whole catalogue (paged) and per dataset or compute
/// offer (a data service), as JSON-LD
/// (default) or Turtle (<c>format=ttl</c> or <c>Accept: text/turtle</c>); schema.org and Croissant JSON-LD for a
/// dataset; a Hugging Face style model card for a model.
/// </summary>
public static class ExportEndpoints
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/").WithTags("Exports");
        exports.MapGet("/export/dcat-ap", async (HttpContext http, IQuerySession session, int? page, int? pageSize, string? format, CancellationToken cancellationToken) =>
        {
            if (page is < 1 or > 100_000 || pageSize is < 1 or > MaxPageSize)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    [page is < 1 or > 100_000 ? "page" : "pageSize"] = [$"'page' counts from 1; 'pageSize' is 1 to {MaxPageSize}."],
                });
            }

            var size = pageSize ?? 100;
            var number = page ?? 1;
            var published = session.Query<CatalogueEntry>().Where(e => e.State == ResourceState.Published
                && (e.Resource.Kind == ResourceKind.Dataset || e.Resource.Kind == ResourceKind.Compute));
            var total = await published.CountAsync(cancellationToken);
            var resources = await published.OrderBy(e => e.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
            var mapper = await MapperAsync(http, session, cancellationToken);
            return Rdf(http, format, mapper.Catalog([.. resources.Select(e => e.Resource)], number, size, total));
        });
        exports.MapGet("/resources/{id:guid}/dcat-ap", async (Guid id, HttpContext http, IQuerySession session, string? format, CancellationToken cancellationToken) =>
        {
            var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
            if (entry is not { State: ResourceState.Published } || entry.Resource.Kind is not (ResourceKind.Dataset or ResourceKind.Compute))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The catalogue holds no published dataset or compute offer {id}.");
            }

            var mapper = await MapperAsync(http, session, cancellationToken);
            var graph = new RdfGraph();
            mapper.Resource(graph, entry.Resource);
            return Rdf(http, format, graph);
        });
        exports.MapGet("/resources/{id:guid}/schema-org", (Guid id, HttpContext http, IQuerySession session, CancellationToken cancellationToken) =>
            DatasetDocumentAsync(id, http, session, croissant: false, cancellationToken));
        exports.MapGet("/resources/{id:guid}/croissant", (Guid id, HttpContext http, IQuerySession session, CancellationToken cancellationToken) =>
            DatasetDocumentAsync(id, http, session, croissant: true, cancellationToken));
        exports.MapGet("/resources/{id:guid}/model-card", async (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        {
            var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
            if (entry is not { State: ResourceState.Published } || entry.Resource.Kind != ResourceKind.Model)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The catalogue holds no published model {id}.");
            }

            var hub = await session.LoadAsync<HubRecord>(entry.HubId, cancellationToken);
            return Results.Text(ModelCardMarkdown.Write(entry.Resource, hub?.DisplayName ?? entry.HubId), "text/markdown; charset=utf-8");
        });
        return app;
    }

    private static async Task<IResult> DatasetDocumentAsync(Guid id, HttpContext http, IQuerySession session, bool croissant, CancellationToken cancellationToken)
    {
        var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
        if (entry is not { State: ResourceState.Published } || entry.Resource.Kind != ResourceKind.Dataset)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The catalogue holds no published dataset {id}.");
        }

        var hub = await session.LoadAsync<HubRecord>(entry.HubId, cancellationToken);
        var iri = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/resources/{id}");
        var hubPage = hub?.ApiBaseUrl is { } baseUrl ? new Uri(baseUrl, $"resources/{id}") : null;
        var document = croissant
            ? SchemaOrgDataset.Croissant(entry.Resource, iri, hubPage, hub?.DisplayName ?? entry.HubId)
            : SchemaOrgDataset.Describe(entry.Resource, iri, hubPage, hub?.DisplayName ?? entry.HubId);
        return Results.Text(document.ToJsonString(Indented), "application/ld+json; charset=utf-8");
    }

    private static async Task<DcatApMapper> MapperAsync(HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var hubs = await session.Query<HubRecord>().ToListAsync(cancellationToken);
        var catalogueBase = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        return new DcatApMapper(catalogueBase, hubs.ToDictionary(h => h.Id, h => (h.DisplayName, h.ApiBaseUrl)));
    }

    private static IResult Rdf(HttpContext http, string? format, RdfGraph graph)
    {
        var turtle = format == "ttl" || (format is null && http.Request.Headers.Accept.ToString().Contains("text/turtle", StringComparison.Ordinal));
        return turtle
            ? Results.Text(TurtleWriter.Write(graph), "text/turtle; charset=utf-8")
            : Results.Text(JsonLdWriter.Write(graph).ToJsonString(Indented), "application/ld+json; charset=utf-8");
    }
}
