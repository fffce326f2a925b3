using Federation.Clients.Results;
using Federation.Contracts.Hub;

namespace Federation.Clients.Hubs;

// The hub's own membership, run by its staff: organisations, members, invitations and join requests.
public sealed partial class HubClient
{
    public Task<ApiResult<List<OrganisationRecord>>> ListOrganisationsAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<OrganisationRecord>>(HttpMethod.Get, "organisations", null, cancellationToken);

    public Task<ApiResult<OrganisationRecord>> AddOrganisationAsync(OrganisationInput input, CancellationToken cancellationToken) =>
        api.SendAsync<OrganisationRecord>(HttpMethod.Post, "organisations", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<OrganisationRecord>> ChangeOrganisationAsync(string id, OrganisationInput input, CancellationToken cancellationToken) =>
        api.SendAsync<OrganisationRecord>(HttpMethod.Put, $"organisations/{Uri.EscapeDataString(id)}", JsonApi.Json(input), cancellationToken);

    /// <summary>GET /members (staff): <paramref name="state"/> is active or suspended; <paramref name="username"/> finds one member by it.</summary>
    public Task<ApiResult<List<HubMember>>> ListMembersAsync(string? state, string? organisation, CancellationToken cancellationToken, string? username = null) =>
        api.SendAsync<List<HubMember>>(HttpMethod.Get, "members" + JsonApi.Query(("state", state), ("organisation", organisation), ("username", username)), null,
            cancellationToken);

    /// <summary>GET /members/{id} (staff): one member; 404 when there is none by that id.</summary>
    public Task<ApiResult<HubMember>> GetMemberAsync(Guid memberId, CancellationToken cancellationToken) =>
        api.SendAsync<HubMember>(HttpMethod.Get, $"members/{memberId}", null, cancellationToken);

    public Task<ApiResult<HubMember>> ChangeRolesAsync(Guid memberId, RolesInput input, CancellationToken cancellationToken) =>
        api.SendAsync<HubMember>(HttpMethod.Put, $"members/{memberId}/roles", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<HubMember>> SuspendMemberAsync(Guid memberId, MembershipChangeInput input, CancellationToken cancellationToken) =>
        api.SendAsync<HubMember>(HttpMethod.Post, $"members/{memberId}/suspend", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<HubMember>> ReinstateMemberAsync(Guid memberId, MembershipChangeInput input, CancellationToken cancellationToken) =>
        api.SendAsync<HubMember>(HttpMethod.Post, $"members/{memberId}/reinstate", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<NoContent>> RemoveMemberAsync(Guid memberId, MembershipChangeInput input, CancellationToken cancellationToken) =>
        api.SendAsync<NoContent>(HttpMethod.Post, $"members/{memberId}/remove", JsonApi.Json(input), cancellationToken);

    /// <summary>POST /members/{id}/second-factor/reset (staff): turns off the second factor of a member who lost it, with a reason.</summary>
    public Task<ApiResult<HubMember>> ResetSecondFactorAsync(Guid memberId, MembershipChangeInput input, CancellationToken cancellationToken) =>
        api.SendAsync<HubMember>(HttpMethod.Post, $"members/{memberId}/second-factor/reset", JsonApi.Json(input), cancellationToken);

    /// <summary>GET /members/invitations (staff): <paramref name="state"/> is open, accepted, expired or revoked.</summary>
    public Task<ApiResult<List<MemberInvitation>>> ListInvitationsAsync(string? state, CancellationToken cancellationToken) =>
        api.SendAsync<List<MemberInvitation>>(HttpMethod.Get, "members/invitations" + JsonApi.Query(("state", state)), null, cancellationToken);

    public Task<ApiResult<MemberInvitation>> InviteAsync(InvitationInput input, CancellationToken cancellationToken) =>
        api.SendAsync<MemberInvitation>(HttpMethod.Post, "members/invitations", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<MemberInvitation>> RevokeInvitationAsync(Guid invitationId, CancellationToken cancellationToken) =>
        api.SendAsync<MemberInvitation>(HttpMethod.Post, $"members/invitations/{invitationId}/revoke", null, cancellationToken);

    /// <summary>GET /members/join-requests (staff): <paramref name="state"/> is pending (the default), approved or refused.</summary>
    public Task<ApiResult<List<JoinRequestRecord>>> ListJoinRequestsAsync(string? state, CancellationToken cancellationToken) =>
        api.SendAsync<List<JoinRequestRecord>>(HttpMethod.Get, "members/join-requests" + JsonApi.Query(("state", state)), null, cancellationToken);

    public Task<ApiResult<JoinApproval>> ApproveJoinRequestAsync(Guid requestId, JoinApprovalInput input, CancellationToken cancellationToken) =>
        api.SendAsync<JoinApproval>(HttpMethod.Post, $"members/join-requests/{requestId}/approve", JsonApi.Json(input), cancellationToken);

    public Task<ApiResult<JoinRequestRecord>> RefuseJoinRequestAsync(Guid requestId, MembershipChangeInput input, CancellationToken cancellationToken) =>
        api.SendAsync<JoinRequestRecord>(HttpMethod.Post, $"members/join-requests/{requestId}/refuse", JsonApi.Json(input), cancellationToken);

    /// <summary>GET /identity-providers (staff): the upstream providers the hub trusts and their admission rules.</summary>
    public Task<ApiResult<List<IdentityProviderRecord>>> ListIdentityProvidersAsync(CancellationToken cancellationToken) =>
        api.SendAsync<List<IdentityProviderRecord>>(HttpMethod.Get, "identity-providers", null, cancellationToken);

    /// <summary>GET /me/data: everything the home hub holds about the signed-in member.</summary>
    public Task<ApiResult<MyData>> MyDataAsync(CancellationToken cancellationToken) =>
        api.SendAsync<MyData>(HttpMethod.Get, "me/data", null, cancellationToken);

    /// <summary>POST /me/close: asks to close the signed-in member's own account, confirmed by their username; the hub mails the link that closes it.</summary>
    public Task<ApiResult<NoContent>> CloseMyAccountAsync(AccountClosureInput input, CancellationToken cancellationToken) =>
        api.SendAsync<NoContent>(HttpMethod.Post, "me/close", JsonApi.Json(input), cancellationToken);
}
