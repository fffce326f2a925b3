using Federation.Clients.Results;
using Federation.Contracts.Hub;

namespace Federation.Clients.Hubs;

// Access to approval resources, grants, introductions to expertise, and a member's notifications.
public sealed partial class HubClient
{
    public Task<ApiResult<AccessRequest>> RequestAccessAsync(Guid resourceId, AccessRequestInput input, CancellationToken cancellationToken) =>
        api.SendAsync<AccessRequest>(HttpMethod.Post, $"resources/{resourceId}/access-requests", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<List<AccessRequest>>> MyAccessRequestsAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<AccessRequest>>(HttpMethod.Get, "me/access-requests", null, cancellationToken);

    /// <summary>GET /access-requests (staff): <paramref name="state"/> is pending, approved or denied.</summary>
    public Task<ApiResult<List<AccessRequest>>> ListAccessRequestsAsync(string? state, Guid? resourceId, CancellationToken cancellationToken) =>
        api.SendAsync<List<AccessRequest>>(HttpMethod.Get, "access-requests" + JsonApi.Query(("state", state), ("resourceId", resourceId?.ToString())), null,
            cancellationToken);

    public Task<ApiResult<ApprovedAccessRequest>> ApproveAccessAsync(Guid requestId, ApprovalInput input, CancellationToken cancellationToken) =>
        api.SendAsync<ApprovedAccessRequest>(HttpMethod.Post, $"access-requests/{requestId}/approve", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<AccessRequest>> DenyAccessAsync(Guid requestId, DenialInput input, CancellationToken cancellationToken) =>
        api.SendAsync<AccessRequest>(HttpMethod.Post, $"access-requests/{requestId}/deny", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<List<Grant>>> ListGrantsAsync(Guid? resourceId, bool? live, CancellationToken cancellationToken) =>
        api.SendAsync<List<Grant>>(HttpMethod.Get, "grants" + JsonApi.Query(("resourceId", resourceId?.ToString()), ("live", live?.ToString().ToLowerInvariant())),
            null, cancellationToken);

    public Task<ApiResult<Grant>> GrantAsync(Guid resourceId, GrantInput input, CancellationToken cancellationToken) =>
        api.SendAsync<Grant>(HttpMethod.Post, $"resources/{resourceId}/grants", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<Grant>> RevokeGrantAsync(Guid grantId, RevocationInput input, CancellationToken cancellationToken) =>
        api.SendAsync<Grant>(HttpMethod.Post, $"grants/{grantId}/revoke", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<Introduction>> AskIntroductionAsync(Guid offerId, IntroductionInput input, CancellationToken cancellationToken) =>
        api.SendAsync<Introduction>(HttpMethod.Post, $"resources/{offerId}/introductions", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<List<Introduction>>> MyIntroductionsAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<Introduction>>(HttpMethod.Get, "me/introductions", null, cancellationToken);

    /// <summary>GET /introductions (staff): <paramref name="state"/> is pending, accepted or declined.</summary>
    public Task<ApiResult<List<Introduction>>> ListIntroductionsAsync(string? state, CancellationToken cancellationToken) =>
        api.SendAsync<List<Introduction>>(HttpMethod.Get, "introductions" + JsonApi.Query(("state", state)), null, cancellationToken);

    public Task<ApiResult<Introduction>> AcceptIntroductionAsync(Guid introductionId, DecisionInput input, CancellationToken cancellationToken) =>
        api.SendAsync<Introduction>(HttpMethod.Post, $"introductions/{introductionId}/accept", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<Introduction>> DeclineIntroductionAsync(Guid introductionId, DecisionInput input, CancellationToken cancellationToken) =>
        api.SendAsync<Introduction>(HttpMethod.Post, $"introductions/{introductionId}/decline", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<List<Notification>>> MyNotificationsAsync(bool? unread, CancellationToken cancellationToken) =>
        api.SendAsync<List<Notification>>(HttpMethod.Get, "me/notifications" + JsonApi.Query(("unread", unread?.ToString().ToLowerInvariant())), null,
            cancellationToken);

    public Task<ApiResult<NoContent>> MarkNotificationReadAsync(Guid notificationId, CancellationToken cancellationToken) =>
        api.SendAsync<NoContent>(HttpMethod.Post, $"me/notifications/{notificationId}/read", null, cancellationToken);
}
