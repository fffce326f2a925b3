using System.Diagnostics;
using Federation.Catalogue.Search.Compounds;
using Federation.Catalogue.Search.Expansion;
using Federation.Catalogue.Search.Leaders;
using Federation.Catalogue.Search.Vocabulary;
using Federation.Catalogue.Telemetry;
using Microsoft.Extensions.Options;
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
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<SearchOptions>>().Value is { SplitCompounds: true } options
            ? DutchCompounds.Of(options.Dictionary)
            : new CompoundSplitter(HunspellCompoundParts.None));
        builder.Services.AddSingleton(_ => SearchVocabulary.Shipped());
        builder.Services.AddSingleton<QueryExpansion>();
        builder.Services.AddSingleton<CatalogueSearch>();
        builder.Services.AddHostedService<TermLeaderKeeper>();
        return builder;
    }

    /// <summary>GET /search — anyone, anonymous included, may search the metadata of published resources.</summary>
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/search", async Task<Results<Ok<SearchResult>, ValidationProblem>> (
            HttpRequest http, CatalogueSearch search, CatalogueTelemetry telemetry, CancellationToken cancellationToken) =>
        {
            var (request, errors) = SearchRequestParser.Parse(http.Query);
            if (request is null)
            {
                return TypedResults.ValidationProblem(errors);
            }

            var started = Stopwatch.GetTimestamp();
            var result = await search.SearchAsync(request, cancellationToken);
            telemetry.SearchAnswered(Stopwatch.GetElapsedTime(started));
            return TypedResults.Ok(result);
        }).WithTags("Search");
        return app;
    }
}
