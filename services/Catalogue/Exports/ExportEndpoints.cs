using Federation.Catalogue.Identifiers;
using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.Contracts;
using Marten;
using Microsoft.Net.Http.Headers;

namespace Federation.Catalogue.Exports;

/// <summary>
/// The catalogue in the standards others read: DCAT-AP 3 for the whole catalogue (paged) and per dataset or compute
/// offer (a data service), as JSON-LD
/// (default) or Turtle (<c>format=ttl</c> or <c>Accept: text/turtle</c>); schema.org and Croissant JSON-LD for a
/// dataset; a Hugging Face style model card for a model. Each names a resource by its persistent URI.
/// </summary>
public static class ExportEndpoints
{
    public const int MaxPageSize = 500;

    public static WebApplicationBuilder AddExports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ResourceDocuments>();
        return builder;
    }

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/").WithTags("Exports");
        exports.MapGet("/export/dcat-ap", async (HttpContext http, IQuerySession session, ResourceDocuments documents, int? page, int? pageSize, string? format, CancellationToken cancellationToken) =>
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
            var mapper = await documents.MapperAsync(http.Request, session, cancellationToken);
            return ResourceDocuments.Rdf(mapper.Catalog([.. resources.Select(e => e.Resource)], number, size, total), SyntaxOf(http, format));
        });
        exports.MapGet("/resources/{id:guid}/dcat-ap", async (Guid id, HttpContext http, IQuerySession session, ResourceDocuments documents, string? format, CancellationToken cancellationToken) =>
        {
            var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
            return entry is not { State: ResourceState.Published } || !ResourceForm.DcatApJsonLd.IsFor(entry.Resource.Kind)
                ? NotFound($"The catalogue holds no published dataset or compute offer {id}.")
                : await documents.DcatApAsync(http.Request, session, entry, SyntaxOf(http, format), cancellationToken);
        });
        exports.MapGet("/resources/{id:guid}/schema-org", (Guid id, HttpContext http, IQuerySession session, ResourceDocuments documents, CancellationToken cancellationToken) =>
            DatasetDocumentAsync(id, http, session, documents, croissant: false, cancellationToken));
        exports.MapGet("/resources/{id:guid}/croissant", (Guid id, HttpContext http, IQuerySession session, ResourceDocuments documents, CancellationToken cancellationToken) =>
            DatasetDocumentAsync(id, http, session, documents, croissant: true, cancellationToken));
        exports.MapGet("/resources/{id:guid}/model-card", async (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        {
            var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
            return entry is not { State: ResourceState.Published } || entry.Resource.Kind != ResourceKind.Model
                ? NotFound($"The catalogue holds no published model {id}.")
                : ResourceDocuments.ModelCard(entry, await session.LoadAsync<HubRecord>(entry.HubId, cancellationToken));
        });
        return app;
    }

    private static async Task<IResult> DatasetDocumentAsync(Guid id, HttpContext http, IQuerySession session, ResourceDocuments documents, bool croissant, CancellationToken cancellationToken)
    {
        var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
        return entry is not { State: ResourceState.Published } || entry.Resource.Kind != ResourceKind.Dataset
            ? NotFound($"The catalogue holds no published dataset {id}.")
            : documents.DatasetDocument(http.Request, entry, await session.LoadAsync<HubRecord>(entry.HubId, cancellationToken), croissant);
    }

    // format=ttl, or Turtle preferred by Accept as at a persistent URI; JSON-LD otherwise, whatever else is asked.
    private static ResourceDocuments.Syntax SyntaxOf(HttpContext http, string? format)
    {
        if (format is not null)
        {
            return format == "ttl" ? ResourceDocuments.Syntax.Turtle : ResourceDocuments.Syntax.JsonLd;
        }

        http.Response.Headers.Vary = HeaderNames.Accept;
        return FormNegotiation.Choose(http.Request.Headers.Accept, [ResourceForm.DcatApJsonLd, ResourceForm.DcatApTurtle]) == ResourceForm.DcatApTurtle
            ? ResourceDocuments.Syntax.Turtle
            : ResourceDocuments.Syntax.JsonLd;
    }

    private static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
