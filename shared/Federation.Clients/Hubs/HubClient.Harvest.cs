using System.Globalization;
using Federation.Clients.Results;
using Federation.Contracts.Harvest;

namespace Federation.Clients.Hubs;

/// <summary>Harvesting: the catalogues the hub mirrors, their runs, and where a resource was harvested from.</summary>
public sealed partial class HubClient
{
    public Task<ApiResult<List<HarvestSource>>> HarvestSourcesAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<HarvestSource>>(HttpMethod.Get, "harvest/sources", null, cancellationToken);

    public Task<ApiResult<HarvestSource>> HarvestSourceAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<HarvestSource>(HttpMethod.Get, $"harvest/sources/{id}", null, cancellationToken);

    public Task<ApiResult<HarvestSource>> RegisterHarvestSourceAsync(HarvestSourceInput input, CancellationToken cancellationToken) =>
        api.SendAsync<HarvestSource>(HttpMethod.Post, "harvest/sources", JsonApi.Json(input), cancellationToken);

    /// <summary>PUT /harvest/sources/{id}; with <paramref name="version"/> only if nobody changed it since (If-Match).</summary>
    public Task<ApiResult<HarvestSource>> ChangeHarvestSourceAsync(Guid id, HarvestSourceInput input, int? version, CancellationToken cancellationToken) =>
        api.SendAsync<HarvestSource>(HttpMethod.Put, $"harvest/sources/{id}", JsonApi.Json(input), cancellationToken, IfMatch(version));

    /// <summary>POST /harvest/sources/{id}/runs: queues a run (a dry run stores nothing and counts what it would do).</summary>
    public Task<ApiResult<HarvestRun>> StartHarvestAsync(Guid sourceId, bool dryRun, CancellationToken cancellationToken) =>
        api.SendAsync<HarvestRun>(HttpMethod.Post, $"harvest/sources/{sourceId}/runs" + JsonApi.Query(("dryRun", dryRun ? "true" : null)), null, cancellationToken);

    public Task<ApiResult<List<HarvestRun>>> HarvestRunsAsync(Guid sourceId, int? limit, CancellationToken cancellationToken) =>
        api.SendAsync<List<HarvestRun>>(HttpMethod.Get, $"harvest/sources/{sourceId}/runs" + JsonApi.Query(("limit", limit?.ToString(CultureInfo.InvariantCulture))), null, cancellationToken);

    public Task<ApiResult<HarvestRun>> HarvestRunAsync(Guid runId, CancellationToken cancellationToken) =>
        api.SendAsync<HarvestRun>(HttpMethod.Get, $"harvest/runs/{runId}", null, cancellationToken);

    /// <summary>POST /harvest/runs/{id}/confirm: withdraws what a held run stopped before withdrawing.</summary>
    public Task<ApiResult<HarvestRun>> ConfirmHarvestAsync(Guid runId, CancellationToken cancellationToken) =>
        api.SendAsync<HarvestRun>(HttpMethod.Post, $"harvest/runs/{runId}/confirm", null, cancellationToken);

    public Task<ApiResult<ResourceProvenance>> ProvenanceAsync(Guid resourceId, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceProvenance>(HttpMethod.Get, $"resources/{resourceId}/provenance", null, cancellationToken);

    /// <summary>POST /resources/{id}/provenance/resume: hands a resource edited here back to its source; the next run overwrites it.</summary>
    public Task<ApiResult<ResourceProvenance>> ResumeHarvestAsync(Guid resourceId, CancellationToken cancellationToken) =>
        api.SendAsync<ResourceProvenance>(HttpMethod.Post, $"resources/{resourceId}/provenance/resume", null, cancellationToken);
}
