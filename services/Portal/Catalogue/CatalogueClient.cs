using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Catalogue;
using Federation.Contracts.Serialization;

namespace Federation.Portal.Catalogue;

/// <summary>The catalogue's public API as the portal reads it: search, resources, lineage, exports and the hub registry.</summary>
public sealed class CatalogueClient(HttpClient http, ILogger<CatalogueClient> logger)
{
    /// <summary>Searches with the catalogue's own query string (the portal's URL carries the same parameters).</summary>
    public Task<Fetched<SearchResult>> SearchAsync(string query, CancellationToken cancellationToken) =>
        GetAsync<SearchResult>($"search?{query}", cancellationToken);

    public Task<Fetched<CatalogueResource>> ResourceAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<CatalogueResource>($"resources/{id}", cancellationToken);

    /// <summary>The titles of the resources the catalogue knows among <paramref name="ids"/>, asked for together; unknown ones are left out.</summary>
    public async Task<Dictionary<Guid, string>> TitlesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var fetched = await Task.WhenAll(ids.Distinct().Select(async id => (Id: id, Found: await ResourceAsync(id, cancellationToken))));
        return fetched.Where(f => f.Found.Value is not null).ToDictionary(f => f.Id, f => f.Found.Value!.Resource.Title);
    }

    public Task<Fetched<ResourceLineage>> LineageAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<ResourceLineage>($"resources/{id}/lineage", cancellationToken);

    public Task<Fetched<PublishedTrustList>> TrustListAsync(CancellationToken cancellationToken) =>
        GetAsync<PublishedTrustList>("federation/trust-list", cancellationToken);

    public Task<Fetched<List<HubStatus>>> HubsAsync(CancellationToken cancellationToken) =>
        GetAsync<List<HubStatus>>("hubs", cancellationToken);

    /// <summary>The resource as schema.org JSON-LD, as the catalogue writes it, for embedding in its page.</summary>
    public async Task<string?> SchemaOrgAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"resources/{id}/schema-org", cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The catalogue did not give the schema.org description of {ResourceId}: {Reason}", id, exception.Message);
            return null;
        }
    }

    private async Task<Fetched<T>> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return Fetched<T>.Of((await response.Content.ReadFromJsonAsync<T>(FederationJson.Options, cancellationToken))!);
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return Fetched<T>.Failed(FetchProblem.NotFound);
            }

            if ((int)response.StatusCode is >= 400 and < 500)
            {
                return Fetched<T>.Failed(new FetchProblem(FetchProblemKind.Refused, await ReasonsAsync(response, cancellationToken)));
            }

            logger.LogWarning("The catalogue answered {Path} with {StatusCode}", path, (int)response.StatusCode);
            return Fetched<T>.Failed(FetchProblem.Unreachable);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
                                          || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("The catalogue could not be read for {Path}: {Reason}", path, exception.Message);
            return Fetched<T>.Failed(FetchProblem.Unreachable);
        }
    }

    // A problem details answer names the fields at fault and why; those reasons are what the person needs to see.
    private static async Task<IReadOnlyList<string>> ReasonsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                return [.. errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(reason => reason.GetString() ?? ""))];
            }

            return problem.TryGetProperty("detail", out var detail) && detail.GetString() is { } text ? [text] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
