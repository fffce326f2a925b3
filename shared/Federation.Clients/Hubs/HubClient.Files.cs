using System.Net.Http.Headers;
using Federation.Clients.Results;
using Federation.Contracts.Hub;

namespace Federation.Clients.Hubs;

// Files of resources and the audit log: streamed both ways, never held whole in memory.
public sealed partial class HubClient
{
    public Task<ApiResult<List<Artifact>>> ListArtifactsAsync(Guid resourceId, CancellationToken cancellationToken) =>
        api.SendAsync<List<Artifact>>(HttpMethod.Get, $"resources/{resourceId}/artifacts/", null, cancellationToken);

    /// <summary>PUT /resources/{id}/artifacts/{fileName}: <paramref name="content"/> is read once, as it is sent.</summary>
    public Task<ApiResult<Artifact>> UploadArtifactAsync(
        Guid resourceId, string fileName, Stream content, string mediaType, long? length, CancellationToken cancellationToken)
    {
        var body = new StreamContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        body.Headers.ContentLength = length;
        return api.SendAsync<Artifact>(HttpMethod.Put, $"resources/{resourceId}/artifacts/{Uri.EscapeDataString(fileName)}", body, cancellationToken);
    }

    /// <summary>GET /resources/{id}/artifacts/{artifactId}: the response with the file unread, for the caller to stream and dispose.</summary>
    public Task<ApiResult<HttpResponseMessage>> OpenArtifactAsync(Guid resourceId, Guid artifactId, CancellationToken cancellationToken) =>
        api.OpenAsync(HttpMethod.Get, $"resources/{resourceId}/artifacts/{artifactId}", cancellationToken);

    /// <summary>GET /audit: one page, newest first; <paramref name="filter"/>'s <c>After</c> is the previous page's <c>next</c>.</summary>
    public Task<ApiResult<AuditPage>> AuditAsync(AuditFilter filter, CancellationToken cancellationToken) =>
        api.SendAsync<AuditPage>(HttpMethod.Get, "audit" + filter.ToQuery(), null, cancellationToken);

    /// <summary>GET /audit/export: the whole log as JSON lines, oldest first, unread, for the caller to stream and dispose.</summary>
    public Task<ApiResult<HttpResponseMessage>> OpenAuditExportAsync(AuditFilter filter, CancellationToken cancellationToken) =>
        api.OpenAsync(HttpMethod.Get, "audit/export" + filter.ToQuery(), cancellationToken);

    /// <summary>GET /audit/verify: the hub checks its audit log's hash chain from the first record to the head.</summary>
    /// <param name="at">Places in the chain whose hash to report as well, to compare with heads the hub published.</param>
    public Task<ApiResult<AuditVerification>> VerifyAuditAsync(IEnumerable<long>? at, CancellationToken cancellationToken) =>
        api.SendAsync<AuditVerification>(HttpMethod.Get,
            "audit/verify" + (at?.Any() == true ? "?" + string.Join('&', at.Select(seq => $"at={seq.ToString(System.Globalization.CultureInfo.InvariantCulture)}")) : ""),
            null, cancellationToken);
}
