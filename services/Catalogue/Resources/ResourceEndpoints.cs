using Federation.Contracts.Catalogue;
using Federation.Catalogue.Identifiers;
using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.Contracts;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Federation.Catalogue.Resources;

public static class ResourceEndpoints
{
    private const int MaxSimilar = 20;

    public static WebApplicationBuilder AddResources(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MoreLikeThis>();
        return builder;
    }

    /// <summary>
    /// GET /resources/{id}: a resource as the catalogue holds it, with where its hub serves it. A withdrawn resource
    /// answers with its tombstone (state "withdrawn"), so links to it can say so instead of breaking.
    /// </summary>
    public static IEndpointRouteBuilder MapResourceDetail(this IEndpointRouteBuilder app)
    {
        app.MapGet("/resources/{id:guid}", async Task<Results<Ok<CatalogueResource>, ProblemHttpResult>> (
            Guid id, HttpRequest request, IQuerySession session, NpgsqlDataSource database, PersistentUris uris, CancellationToken cancellationToken) =>
        {
            var entry = await session.LoadAsync<CatalogueEntry>(id, cancellationToken);
            if (entry is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The catalogue holds no resource {id}.");
            }

            var hub = await session.LoadAsync<HubRecord>(entry.HubId, cancellationToken);
            return TypedResults.Ok(await DescribeAsync(entry, hub, uris.For(request, entry.HubId, entry.Id), database, cancellationToken));
        }).WithTags("Resources");

        // GET /resources/{id}/similar: "more like this" across the federation (SimilarResources), for anyone, as search is.
        app.MapGet("/resources/{id:guid}/similar", async Task<Results<Ok<SimilarResources>, ValidationProblem, ProblemHttpResult>> (
            Guid id, HttpRequest http, MoreLikeThis similar, CancellationToken cancellationToken) =>
        {
            if (http.Query.Keys.FirstOrDefault(key => key != "limit") is { } unknown)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [unknown] = [$"Unknown parameter '{unknown}'. Known: limit."] });
            }

            var limit = 6;
            if (http.Query.TryGetValue("limit", out var raw)
                && (!int.TryParse(raw.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit)
                    || limit < 1 || limit > MaxSimilar))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"'limit' must be a whole number from 1 to {MaxSimilar}."] });
            }

            return await similar.FindAsync(id, limit, cancellationToken) is { } items
                ? TypedResults.Ok(new SimilarResources(id, items))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The catalogue holds no published resource {id}.");
        }).WithTags("Resources");
        return app;
    }

    /// <summary>The catalogue's record of a resource: its snapshot, where its hub serves it, its use, and how to cite it.</summary>
    public static async Task<CatalogueResource> DescribeAsync(CatalogueEntry entry, HubRecord? hub, Uri persistentUri, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var hubName = hub?.DisplayName ?? entry.HubId;
        return new CatalogueResource(entry.Resource, hubName, hub?.ResourceAt(entry.Id), entry.Sequence, entry.AppliedAt, entry.SignedWithKey)
        {
            Use = await UseOfAsync(database, entry, cancellationToken),
            Citation = ResourceCitations.Of(entry.Resource, hubName, persistentUri),
        };
    }

    // As its hub last reported it; only the hub that holds the resource is believed about it.
    private static async Task<ResourceUse> UseOfAsync(NpgsqlDataSource database, CatalogueEntry entry, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT downloads, access_requests, introductions FROM catalogue_activity WHERE id = $1 AND hub_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.HubId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ResourceUse(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : ResourceUse.None;
    }
}
