using System.Globalization;
using System.Net.Http.Headers;
using Federation.Clients.Results;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;

namespace Federation.Clients.Hubs;

/// <summary>
/// A hub's public API, typed: resources (with If-Match on changes and Idempotency-Key on creates), imports, files,
/// access requests, grants, introductions, notifications and the audit log. Every call answers an
/// <see cref="ApiResult{T}"/>; an unreachable hub is an exception, as with any <see cref="HttpClient"/>.
/// </summary>
/// <remarks>
/// The <see cref="HttpClient"/> carries the hub's address (ending in '/') and, when registered with
/// <c>AddHubClient</c>, the resilience handler. The bearer token is given by the caller:
/// <paramref name="accessToken"/> is asked before every request, or a delegating handler of the caller's sets it.
/// </remarks>
public sealed partial class HubClient(HttpClient http, Func<CancellationToken, ValueTask<string?>>? accessToken = null)
{
    /// <summary>The name of the HTTP client <c>AddHubClient</c> registers, for callers that talk to several hubs.</summary>
    public const string HttpClientName = "federation-hub";

    /// <summary>The header that makes a create safe to repeat: the hub answers a repeat with what the first made.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly JsonApi api = new(http, accessToken);

    /// <summary>The same hub with this bearer token on every call (null: none).</summary>
    public HubClient WithAccessToken(string? token) => new(http, _ => ValueTask.FromResult(token));

    /// <summary>GET /: who the hub is and where its feed stands.</summary>
    public Task<ApiResult<HubInfo>> InfoAsync(CancellationToken cancellationToken) =>
        api.SendAsync<HubInfo>(HttpMethod.Get, "", null, cancellationToken);

    public Task<ApiResult<ResourceList>> ListResourcesAsync(
        CancellationToken cancellationToken, ResourceKind? kind = null, ResourceState? state = null, int? page = null, int? pageSize = null) =>
        ListResourcesAsync(kind?.ToWireName(), state?.ToWireName(), page, pageSize, cancellationToken);

    /// <summary>GET /resources with the filters as text, for callers that pass on what a person typed (the hub checks them).</summary>
    public Task<ApiResult<ResourceList>> ListResourcesAsync(string? kind, string? state, int? page, int? pageSize, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceList>(HttpMethod.Get, "resources" + JsonApi.Query(("kind", kind), ("state", state),
            ("page", page?.ToString(CultureInfo.InvariantCulture)), ("pageSize", pageSize?.ToString(CultureInfo.InvariantCulture))), null, cancellationToken);

    /// <summary>GET /resources?identifier=: the resources (at most a few) whose key at their publisher is <paramref name="identifier"/>.</summary>
    public Task<ApiResult<ResourceList>> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceList>(HttpMethod.Get, "resources" + JsonApi.Query(("identifier", identifier), ("pageSize", "10")), null, cancellationToken);

    /// <summary>Every resource the caller may see at the hub, page after page.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> AllResourcesAsync(
        ResourceState? state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int PageSize = 200;
        for (var page = 1; ; page++)
        {
            var list = await ListResourcesAsync(cancellationToken, state: state, page: page, pageSize: PageSize);
            if (list.Value is not { } found)
            {
                throw new ApiProblemException(list.Problem!);
            }

            foreach (var resource in found.Items)
            {
                yield return resource;
            }

            if (found.Items.Count < PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>GET /resources/{id}; the result's ETag is the version to send back as If-Match.</summary>
    public Task<ApiResult<ResourceSnapshot>> GetResourceAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceSnapshot>(HttpMethod.Get, $"resources/{id}", null, cancellationToken);

    /// <summary>GET /resources/{id}/versions: its history, newest first.</summary>
    public Task<ApiResult<List<Contracts.History.ResourceVersion>>> VersionsAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<List<Contracts.History.ResourceVersion>>(HttpMethod.Get, $"resources/{id}/versions", null, cancellationToken);

    /// <summary>GET /resources/{id}/versions/{n}: the resource as it was at that version.</summary>
    public Task<ApiResult<ResourceSnapshot>> VersionAsync(Guid id, int version, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceSnapshot>(HttpMethod.Get, $"resources/{id}/versions/{version.ToString(CultureInfo.InvariantCulture)}", null, cancellationToken);

    /// <summary>GET /resources/{id}/versions/{from}/changes/{to}: what changed, field by field.</summary>
    public Task<ApiResult<Contracts.History.ResourceVersionChanges>> VersionChangesAsync(Guid id, int from, int to, CancellationToken cancellationToken) =>
        api.SendAsync<Contracts.History.ResourceVersionChanges>(HttpMethod.Get,
            $"resources/{id}/versions/{from.ToString(CultureInfo.InvariantCulture)}/changes/{to.ToString(CultureInfo.InvariantCulture)}", null, cancellationToken);

    /// <summary>POST /resources: a new draft. With <paramref name="idempotencyKey"/> a repeat (also a retry) makes nothing new.</summary>
    public Task<ApiResult<ResourceSnapshot>> CreateResourceAsync(ResourceInput input, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        api.SendAsync<ResourceSnapshot>(HttpMethod.Post, "resources", JsonApi.Json(input), cancellationToken,
            request => { if (idempotencyKey is not null) request.Headers.Add(IdempotencyKeyHeader, idempotencyKey); });

    /// <summary>POST /resources/validate: every check of a create, nothing stored.</summary>
    public Task<ApiResult<ResourceValidity>> ValidateResourceAsync(ResourceInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceValidity>(HttpMethod.Post, "resources/validate", JsonApi.Json(input), cancellationToken);

    /// <summary>PUT /resources/{id}; with <paramref name="version"/> only if nobody changed it since (If-Match).</summary>
    public Task<ApiResult<ResourceSnapshot>> UpdateResourceAsync(Guid id, ResourceInput input, int? version, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceSnapshot>(HttpMethod.Put, $"resources/{id}", JsonApi.Json(input), cancellationToken, IfMatch(version));

    public Task<ApiResult<ResourceSnapshot>> PublishAsync(Guid id, int? version, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceSnapshot>(HttpMethod.Post, $"resources/{id}/publish", null, cancellationToken, IfMatch(version));

    public Task<ApiResult<ResourceSnapshot>> WithdrawAsync(Guid id, WithdrawalInput input, int? version, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceSnapshot>(HttpMethod.Post, $"resources/{id}/withdraw", JsonApi.Json(input), cancellationToken, IfMatch(version));

    /// <summary>
    /// POST /resources/import/model-card (Markdown) or /dcat-ap (JSON-LD, Turtle), chosen by the document's media type,
    /// as a dry run: what the draft would be called, nothing stored.
    /// </summary>
    public Task<ApiResult<ImportCheck>> CheckImportAsync(HttpContent document, ImportDefaults defaults, CancellationToken cancellationToken) =>
        api.SendAsync<ImportCheck>(HttpMethod.Post, ImportPath(document, defaults, dryRun: true), document, cancellationToken);

    /// <summary>The same import, for real: the draft it made, and what the hub's reader noted.</summary>
    public Task<ApiResult<ImportedResource>> ImportAsync(HttpContent document, ImportDefaults defaults, CancellationToken cancellationToken) =>
        api.SendAsync<ImportedResource>(HttpMethod.Post, ImportPath(document, defaults, dryRun: false), document, cancellationToken);

    private static string ImportPath(HttpContent document, ImportDefaults defaults, bool dryRun)
    {
        var endpoint = document.Headers.ContentType?.MediaType == "text/markdown" ? "resources/import/model-card" : "resources/import/dcat-ap";
        return endpoint + JsonApi.Query(("dryRun", dryRun ? "true" : null), ("accessPolicy", defaults.AccessPolicy), ("licence", defaults.Licence),
            ("publisher", defaults.Publisher));
    }

    private static Action<HttpRequestMessage> IfMatch(int? version) => request =>
    {
        if (version is { } expected)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{expected.ToString(CultureInfo.InvariantCulture)}\""));
        }
    };
}
