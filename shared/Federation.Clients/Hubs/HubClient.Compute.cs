using System.Text;
using Federation.Clients.Results;
using Federation.Contracts.Compute;
using Federation.Contracts.Hub;

namespace Federation.Clients.Hubs;

/// <summary>
/// Compute. At a facility: its calls, the applications hubs sent it (reviews, awards, rejections), usage import and
/// allocations. At a hub: a member's applications and allocations, and staff endorsing or returning applications.
/// </summary>
public sealed partial class HubClient
{
    public Task<ApiResult<List<ComputeCall>>> ListCallsAsync(string? state, CancellationToken cancellationToken) =>
        api.SendAsync<List<ComputeCall>>(HttpMethod.Get, "calls" + JsonApi.Query(("state", state)), null, cancellationToken);

    public Task<ApiResult<ComputeCall>> GetCallAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<ComputeCall>(HttpMethod.Get, $"calls/{id}", null, cancellationToken);

    public Task<ApiResult<ComputeCall>> OpenCallAsync(CallInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ComputeCall>(HttpMethod.Post, "calls", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<ComputeCall>> CloseCallAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<ComputeCall>(HttpMethod.Post, $"calls/{id}/close", null, cancellationToken);

    public Task<ApiResult<List<ReceivedApplication>>> ListReceivedApplicationsAsync(Guid? callId, string? state, CancellationToken cancellationToken) =>
        api.SendAsync<List<ReceivedApplication>>(HttpMethod.Get, "applications" + JsonApi.Query(("callId", callId?.ToString()), ("state", state)), null, cancellationToken);

    public Task<ApiResult<ReceivedApplication>> GetReceivedApplicationAsync(Guid id, CancellationToken cancellationToken) =>
        api.SendAsync<ReceivedApplication>(HttpMethod.Get, $"applications/{id}", null, cancellationToken);

    public Task<ApiResult<ReceivedApplication>> ReviewApplicationAsync(Guid id, ReviewInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ReceivedApplication>(HttpMethod.Post, $"applications/{id}/reviews", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<ReceivedApplication>> AwardApplicationAsync(Guid id, AwardInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ReceivedApplication>(HttpMethod.Post, $"applications/{id}/award", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<ReceivedApplication>> RejectApplicationAsync(Guid id, DecisionInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ReceivedApplication>(HttpMethod.Post, $"applications/{id}/reject", JsonApi.Json(input), cancellationToken);

    /// <summary>Imports (or, with <paramref name="dryRun"/>, checks and sums) one part of a scheduler's accounting: its header line, then its jobs.</summary>
    public Task<ApiResult<UsageImportSummary>> ImportUsageAsync(string accounting, bool dryRun, CancellationToken cancellationToken) =>
        api.SendAsync<UsageImportSummary>(HttpMethod.Post, "usage" + JsonApi.Query(("dryRun", dryRun ? "true" : null)),
            new StringContent(accounting, Encoding.UTF8, "text/plain"), cancellationToken);

    /// <summary>At a facility (staff): every allocation with its account, quota and use.</summary>
    public Task<ApiResult<List<FacilityAllocation>>> ListAllocationsAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<FacilityAllocation>>(HttpMethod.Get, "allocations", null, cancellationToken);

    public Task<ApiResult<ComputeApplication>> ApplyForComputeAsync(ApplicationInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ComputeApplication>(HttpMethod.Post, "me/compute-applications", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<ComputeApplication>> ChangeComputeApplicationAsync(Guid id, ApplicationInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ComputeApplication>(HttpMethod.Put, $"me/compute-applications/{id}", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<List<ComputeApplication>>> MyComputeApplicationsAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<ComputeApplication>>(HttpMethod.Get, "me/compute-applications", null, cancellationToken);

    public Task<ApiResult<List<MemberAllocation>>> MyAllocationsAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<MemberAllocation>>(HttpMethod.Get, "me/compute-allocations", null, cancellationToken);

    public Task<ApiResult<List<ComputeApplication>>> ListComputeApplicationsAsync(string? state, CancellationToken cancellationToken) =>
        api.SendAsync<List<ComputeApplication>>(HttpMethod.Get, "compute-applications" + JsonApi.Query(("state", state)), null, cancellationToken);

    public Task<ApiResult<ComputeApplication>> EndorseComputeApplicationAsync(Guid id, EndorsementInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ComputeApplication>(HttpMethod.Post, $"compute-applications/{id}/endorse", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<ComputeApplication>> ReturnComputeApplicationAsync(Guid id, DecisionInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ComputeApplication>(HttpMethod.Post, $"compute-applications/{id}/return", JsonApi.Json(input), cancellationToken);
}
