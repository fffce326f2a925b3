using System.Net.Mail;
using Federation.Contracts.Hub;
using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Identity.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Federation.Hub.Hosting;

namespace Federation.Hub.People.Invitations;

/// <summary>Staff invite people by e-mail into one of the hub's organisations, list the invitations, and withdraw them.</summary>
public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/members/invitations").WithTags("Membership").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/", ListAsync);
        staff.MapPost("/", InviteAsync);
        staff.MapPost("/{id:guid}/revoke", RevokeAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string? state, IdentityDbContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (state is not (null or "open" or "accepted" or "expired" or "revoked"))
        {
            return Problems.Invalid("state", "Use open, accepted, expired or revoked.");
        }

        var now = clock.GetUtcNow();
        var all = await context.Invitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(1000).ToListAsync(cancellationToken);
        return Results.Ok(all.Select(i => Invitations.RecordOf(i, now)).Where(i => state is null || i.State == state));
    }

    private static async Task<IResult> InviteAsync(
        IOptions<HubOptions> node, InvitationInput? input, HttpContext http, IdentityDbContext context, Invitations invitations, AuditActors actors, CancellationToken cancellationToken)
    {
        var email = input?.Email?.Trim() ?? "";
        if (!IsAddress(email))
        {
            return Problems.Invalid("email", "Give the e-mail address the invitation goes to.");
        }

        if (input!.DisplayName?.Trim() is { Length: > 200 })
        {
            return Problems.Invalid("displayName", "A name is at most 200 characters.");
        }

        var roles = input.Roles is { Count: > 0 } asked ? asked : [HubRoles.Member];
        if (roles.Any(role => role is null || !HubRoles.GivenAt(node.Value.IsFacility).Contains(role)))
        {
            return Problems.Invalid("roles", $"Roles are from: {string.Join(", ", HubRoles.GivenAt(node.Value.IsFacility).Order(StringComparer.Ordinal))}.");
        }

        if (input.OrganisationId is not { Length: > 0 } organisationId
            || await context.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken) is not { } organisation)
        {
            return Problems.Invalid("organisationId", "Name one of this hub's organisations (GET /organisations); add it first if it is new.");
        }

        if (await context.Users.AnyAsync(a => a.NormalizedEmail == email.ToUpperInvariant(), cancellationToken))
        {
            return Problems.Conflict("Someone with this e-mail address is a member of this hub already.");
        }

        var invitation = await invitations.SendAsync(
            email, input.DisplayName?.Trim() is { Length: > 0 } name ? name : null, organisation, [.. roles.Append(HubRoles.Member).Distinct(StringComparer.Ordinal)],
            joinRequestId: null, actors.Of(http.User), cancellationToken);
        return Results.Created($"/members/invitations/{invitation.Id}", invitation);
    }

    private static async Task<IResult> RevokeAsync(Guid id, HttpContext http, Invitations invitations, AuditActors actors, CancellationToken cancellationToken) =>
        await invitations.RevokeAsync(id, actors.Of(http.User), cancellationToken) is { } revoked
            ? Results.Ok(revoked)
            : Problems.Conflict($"There is no open invitation {id} at this hub.");

    internal static bool IsAddress(string email) =>
        email.Length is > 3 and <= 256 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);

}
