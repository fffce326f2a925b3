using Federation.Contracts.Catalogue;
using Federation.ServiceDefaults.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.Catalogue.Search;

public static class SearchEndpoints
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SearchOptions>(SearchOptions.Section);
        builder.Services.AddSingleton<SpellingCorrection>();
        builder.Services.AddSingleton<CatalogueSearch>();
        return builder;
    }

    /// <summary>GET /search — anyone, anonymous included, may search the metadata of published resources.</summary>
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/search", async Task<Results<Ok<SearchResult>, ValidationProblem>> (HttpRequest http, CatalogueSearch search, CancellationToken cancellationToken) =>
        {
            var (request, errors) = SearchRequestParser.Parse(http.Query);
            return request is null
                ? TypedResults.ValidationProblem(errors)
                : TypedResults.Ok(await search.SearchAsync(request, cancellationToken));
        }).WithTags("Search");
        return app;
    }
}
