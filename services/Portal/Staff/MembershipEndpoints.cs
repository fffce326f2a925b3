using Federation.Contracts.Hub;
using Federation.Portal.Hubs;
using Microsoft.AspNetCore.Antiforgery;

namespace Federation.Portal.Staff;

/// <summary>
/// The forms of the staff's membership pages: suspend, reinstate, remove a member, change their roles or reset their
/// second factor; add an
/// organisation; invite or withdraw an invitation; approve or refuse a join request. The hub decides whether they may.
/// </summary>
public static class MembershipEndpoints
{
    public static WebApplication MapStaffMembership(this WebApplication app)
    {
        app.MapPost("/staff/members/{memberId:guid}/{change}", (Guid memberId, string change, HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
            CancellationToken cancellationToken) => change switch
            {
                "suspend" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) =>
                    hub.SuspendMemberAsync(memberId, new MembershipChangeInput(form["reason"].ToString()), token), "/staff/members", "suspended", memberId, cancellationToken),
                "reinstate" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) =>
                    hub.ReinstateMemberAsync(memberId, new MembershipChangeInput(Optional(form["reason"].ToString())), token), "/staff/members", "reinstated", memberId, cancellationToken),
                "remove" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) =>
                    hub.RemoveMemberAsync(memberId, new MembershipChangeInput(form["reason"].ToString()), token), "/staff/members", "removed", memberId, cancellationToken),
                "second-factor-reset" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) =>
                    hub.ResetSecondFactorAsync(memberId, new MembershipChangeInput(form["reason"].ToString()), token), "/staff/members", "second-factor-reset", memberId, cancellationToken),
                "roles" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) =>
                    hub.ChangeRolesAsync(memberId, new RolesInput(RolesOf(form)), token), "/staff/members", "roles", memberId, cancellationToken),
                _ => Task.FromResult(Results.NotFound()),
            }).ExcludeFromDescription();
        app.MapPost("/staff/organisations/add", (HttpContext http, IAntiforgery antiforgery, HubGateway gateway, CancellationToken cancellationToken) =>
            HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => hub.AddOrganisationAsync(new OrganisationInput(
                    null, form["name"].ToString(), form["type"].ToString(), Optional(form["kvkNumber"].ToString().Trim()),
                    form["domains"].ToString().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), token),
                "/staff/organisations", "added", Guid.Empty, cancellationToken)).ExcludeFromDescription();
        app.MapPost("/staff/invitations/send", (HttpContext http, IAntiforgery antiforgery, HubGateway gateway, CancellationToken cancellationToken) =>
            HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) => hub.InviteAsync(new InvitationInput(
                    form["email"].ToString().Trim(), form["organisationId"].ToString(), Optional(form["displayName"].ToString().Trim()),
                    form["staff"] == "true" ? ["hub-staff", "member"] : ["member"]), token),
                "/staff/invitations", "sent", Guid.Empty, cancellationToken)).ExcludeFromDescription();
        app.MapPost("/staff/invitations/{invitationId:guid}/revoke", (Guid invitationId, HttpContext http, IAntiforgery antiforgery, HubGateway gateway,
            CancellationToken cancellationToken) =>
            HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, _, token) => hub.RevokeInvitationAsync(invitationId, token),
                "/staff/invitations", "revoked", invitationId, cancellationToken)).ExcludeFromDescription();
        app.MapPost("/staff/join-requests/{requestId:guid}/{decision}", (Guid requestId, string decision, HttpContext http, IAntiforgery antiforgery,
            HubGateway gateway, CancellationToken cancellationToken) => decision switch
            {
                "approve" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) =>
                    hub.ApproveJoinRequestAsync(requestId, new JoinApprovalInput(Optional(form["organisationId"].ToString())), token),
                    "/staff/join-requests", "approved", requestId, cancellationToken),
                "refuse" => HubFormPost.ForwardAsync(http, antiforgery, gateway, (hub, form, token) =>
                    hub.RefuseJoinRequestAsync(requestId, new MembershipChangeInput(form["reason"].ToString()), token),
                    "/staff/join-requests", "refused", requestId, cancellationToken),
                _ => Task.FromResult(Results.NotFound()),
            }).ExcludeFromDescription();
        return app;
    }

    // Staff, a facility's reviewer, or a member only: the one form says which.
    private static string[] RolesOf(IFormCollection form) =>
        form["staff"] == "true" ? ["hub-staff", "member"] : form["reviewer"] == "true" ? ["compute-reviewer", "member"] : ["member"];

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
