using Federation.Clients.Results;
using Federation.Contracts.Catalogue;

namespace Federation.Clients.Catalogue;

/// <summary>
/// The catalogue's public API, typed: search, resources, lineage, schema.org descriptions, the hub registry and the
/// federation trust list. Everything here is a read, so a registered client retries what fails for a moment.
/// </summary>
public sealed class CatalogueClient(HttpClient http)
{
    /// <summary>The name of the HTTP client <c>AddCatalogueClient</c> registers.</summary>
    public const string HttpClientName = "federation-catalogue";

    private readonly JsonApi api = new(http, null);

    /// <summary>GET /search with the catalogue's own query string (without '?'), as a page's address carries it.</summary>
    public Task<ApiResult<SearchResult>> SearchAsync(string query, CancellationToken cancellationToken) =>
        api.SendAsync<SearchResult>(HttpMethod.Get, $"search?{query}", null, cancellationToken);

    public Task<ApiResult<CatalogueResource>> GetResourceAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<CatalogueResource>(HttpMethod.Get, $"resources/{id}", null, cancellationToken);

    /// <summary>GET /resources/{id}/similar: "more like this" across the federation.</summary>
    public Task<ApiResult<SimilarResources>> SimilarAsync(Guid id, int limit, CancellationToken cancellationToken) =>
        api.SendAsync<SimilarResources>(HttpMethod.Get, $"resources/{id}/similar?limit={limit}", null, cancellationToken);

    public Task<ApiResult<ResourceLineage>> LineageAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceLineage>(HttpMethod.Get, $"resources/{id}/lineage", null, cancellationToken);

    /// <summary>The resource as schema.org JSON-LD, as the catalogue writes it (a document, so as text).</summary>
    public Task<ApiResult<string>> SchemaOrgAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<string>(HttpMethod.Get, $"resources/{id}/schema-org", null, cancellationToken);

    public Task<ApiResult<PublishedTrustList>> TrustListAsync(CancellationToken cancellationToken) =>
        api.SendAsync<PublishedTrustList>(HttpMethod.Get, "federation/trust-list", null, cancellationToken);

    public Task<ApiResult<List<HubStatus>>> HubsAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<HubStatus>>(HttpMethod.Get, "hubs", null, cancellationToken);

    public Task<ApiResult<HubStatus>> HubAsync(string hubId, CancellationToken cancellationToken) =>
        api.SendAsync<HubStatus>(HttpMethod.Get, $"hubs/{Uri.EscapeDataString(hubId)}", null, cancellationToken);

    /// <summary>GET /hubs/{id}/audit-heads: the heads of the hub's audit chain it signed and the catalogue kept, newest first.</summary>
    public Task<ApiResult<List<PublishedAuditHead>>> AuditHeadsAsync(string hubId, int limit, CancellationToken cancellationToken) =>
        api.SendAsync<List<PublishedAuditHead>>(HttpMethod.Get, $"hubs/{Uri.EscapeDataString(hubId)}/audit-heads?limit={limit}", null, cancellationToken);
}
