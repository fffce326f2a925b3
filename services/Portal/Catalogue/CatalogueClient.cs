using System.Net;
using System.Text.Json;
using Federation.Clients.Results;
using Federation.Contracts.Catalogue;
using SharedCatalogueClient = Federation.Clients.Catalogue.CatalogueClient;

namespace Federation.Portal.Catalogue;

/// <summary>
/// The catalogue as the portal's pages read it: the shared typed client (<see cref="SharedCatalogueClient"/>), its answers put
/// in the words a page shows (<see cref="Fetched{T}"/>): found, not found, refused and why, or unreachable.
/// </summary>
public sealed class CatalogueClient(SharedCatalogueClient catalogue, ILogger<CatalogueClient> logger)
{
    /// <summary>Searches with the catalogue's own query string (the portal's URL carries the same parameters).</summary>
    public Task<Fetched<SearchResult>> SearchAsync(string query, CancellationToken cancellationToken) =>
        FetchAsync("search", token => catalogue.SearchAsync(query, token), cancellationToken);

    public Task<Fetched<CatalogueResource>> ResourceAsync(Guid id, CancellationToken cancellationToken) =>
        FetchAsync($"resources/{id}", token => catalogue.GetResourceAsync(id, token), cancellationToken);

    /// <summary>The titles of the resources the catalogue knows among <paramref name="ids"/>, asked for together; unknown ones are left out.</summary>
    public async Task<Dictionary<Guid, string>> TitlesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var fetched = await Task.WhenAll(ids.Distinct().Select(async id => (Id: id, Found: await ResourceAsync(id, cancellationToken))));
        return fetched.Where(f => f.Found.Value is not null).ToDictionary(f => f.Id, f => f.Found.Value!.Resource.Title);
    }

    public Task<Fetched<SimilarResources>> SimilarAsync(Guid id, int limit, CancellationToken cancellationToken) =>
        FetchAsync($"resources/{id}/similar", token => catalogue.SimilarAsync(id, limit, token), cancellationToken);

    public Task<Fetched<ResourceLineage>> LineageAsync(Guid id, CancellationToken cancellationToken) =>
        FetchAsync($"resources/{id}/lineage", token => catalogue.LineageAsync(id, token), cancellationToken);

    public Task<Fetched<List<HubStatus>>> HubsAsync(CancellationToken cancellationToken) =>
        FetchAsync("hubs", catalogue.HubsAsync, cancellationToken);

    /// <summary>The resource as schema.org JSON-LD, as the catalogue writes it, for embedding in its page.</summary>
    public async Task<string?> SchemaOrgAsync(Guid id, CancellationToken cancellationToken) =>
        (await FetchAsync($"resources/{id}/schema-org", token => catalogue.SchemaOrgAsync(id, token), cancellationToken)).Value;

    private async Task<Fetched<T>> FetchAsync<T>(string path, Func<CancellationToken, Task<ApiResult<T>>> call, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await call(cancellationToken);
            if (answer.Succeeded)
            {
                return Fetched<T>.Of(answer.Value!);
            }

            if (answer.Status == HttpStatusCode.NotFound)
            {
                return Fetched<T>.Failed(FetchProblem.NotFound);
            }

            // A refusal names the fields at fault and why; those reasons are what the person needs to see.
            if ((int)answer.Status is >= 400 and < 500)
            {
                return Fetched<T>.Failed(new FetchProblem(FetchProblemKind.Refused, answer.Problem!.Reasons(withFieldNames: false)));
            }

            logger.LogWarning("The catalogue answered {Path} with {StatusCode}", path, (int)answer.Status);
            return Fetched<T>.Failed(FetchProblem.Unreachable);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or Polly.ExecutionRejectedException
                                          || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("The catalogue could not be read for {Path}: {Reason}", path, exception.Message);
            return Fetched<T>.Failed(FetchProblem.Unreachable);
        }
    }
}
