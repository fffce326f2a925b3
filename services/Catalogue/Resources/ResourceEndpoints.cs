using Federation.Contracts.Catalogue;
using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.Contracts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.Catalogue.Resources;

public static class ResourceEndpoints
{
    /// <summary>
    /// GET /resources/{id}: a resource as the catalogue holds it, with where its hub serves it. A withdrawn resource
    /// answers with its tombstone (state "withdrawn"), so links to it can say so instead of breaking.
    /// </summary>
    public static IEndpointRouteBuilder MapResourceDetail(this IEndpointRouteBuilder app)
    {
        app.MapGet("/resources/{id:guid}", async Task<Results<Ok<CatalogueResource>, ProblemHttpResult>> (Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        {
            var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
            if (entry is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The catalogue holds no resource {id}.");
            }

            var hub = await session.LoadAsync<HubRecord>(entry.HubId, cancellationToken);
            var atHub = hub?.ApiBaseUrl is { } baseUrl ? new Uri(baseUrl, $"resources/{id}") : null;
            return TypedResults.Ok(new CatalogueResource(entry.Resource, hub?.DisplayName ?? entry.HubId, atHub, entry.Sequence, entry.AppliedAt, entry.SignedWithKey));
        }).WithTags("Resources");
        return app;
    }
}
