using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Hub.Access;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Identity.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Federation.Hub.Hosting;

namespace Federation.Hub.People.Members;

/// <summary>
/// Staff run the hub's membership: who is a member, in which organisation, with which roles and standing; and they
/// reset the second factor of a member who lost it.
/// </summary>
public static class MemberEndpoints
{
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/members").WithTags("Membership").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/", ListAsync);
        staff.MapGet("/{id:guid}", async (Guid id, IdentityDbContext context, CancellationToken cancellationToken) =>
            await ViewOfAsync(context, id, cancellationToken) is { } found ? Results.Ok(found) : Problems.NotFound($"There is no member {id} at this hub."));
        staff.MapPut("/{id:guid}/roles", ChangeRolesAsync);
        staff.MapPost("/{id:guid}/suspend", SuspendAsync);
        staff.MapPost("/{id:guid}/reinstate", ReinstateAsync);
        staff.MapPost("/{id:guid}/remove", RemoveAsync);
        staff.MapPost("/{id:guid}/second-factor/reset", ResetSecondFactorAsync);
        return app;
    }

    // The first thousand by name; a member is found by organisation, standing or username (as Identity compares it).
    private static async Task<IResult> ListAsync(
        string? state, string? organisation, string? username, IdentityDbContext context, UserManager<HubAccount> users, CancellationToken cancellationToken)
    {
        if (state is not (null or "active" or "suspended"))
        {
            return Problems.Invalid("state", "Use active or suspended.");
        }

        var accounts = context.Users.AsNoTracking();
        accounts = state switch
        {
            "active" => accounts.Where(a => a.SuspendedAt == null),
            "suspended" => accounts.Where(a => a.SuspendedAt != null),
            _ => accounts,
        };
        if (organisation is not null)
        {
            accounts = accounts.Where(a => a.OrganisationId == organisation);
        }

        if (username is { Length: > 0 })
        {
            var normalised = users.NormalizeName(username.Trim());
            accounts = accounts.Where(a => a.NormalizedUserName == normalised);
        }

        return Results.Ok((await Views(context, accounts.OrderBy(a => a.DisplayName).Take(1000)).ToListAsync(cancellationToken)).Select(MemberOf));
    }

    private static async Task<IResult> ChangeRolesAsync(
        IOptions<HubOptions> node, Guid id, RolesInput? input, HttpContext http, UserManager<HubAccount> users, IDbContextFactory<IdentityDbContext> contexts, MemberStanding standing, AuditActors actors, CancellationToken cancellationToken)
    {
        if (input?.Roles is not { Count: > 0 } asked || asked.Any(role => role is null || !HubRoles.GivenAt(node.Value.IsFacility).Contains(role)))
        {
            return Problems.Invalid("roles", $"Give the member's roles, from: {string.Join(", ", HubRoles.GivenAt(node.Value.IsFacility).Order(StringComparer.Ordinal))}.");
        }

        // Staff are members too: every role a member holds includes being one.
        IReadOnlyList<string> roles = [.. asked.Append(HubRoles.Member).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Problems.NotFound($"There is no member {id} at this hub.");
        }

        if (IsCaller(http, account) && !roles.Contains(HubRoles.Staff))
        {
            return Problems.Conflict("Staff cannot take their own staff role away; another member of staff can.");
        }

        return await UnlessChangedMeanwhileAsync(
            () => standing.ChangeRolesAsync(account, roles, actors.Of(http.User), cancellationToken),
            async () => Results.Ok(await ViewOfAsync(contexts, id, cancellationToken)));
    }

    private static async Task<IResult> SuspendAsync(
        Guid id, MembershipChangeInput? input, HttpContext http, UserManager<HubAccount> users, IDbContextFactory<IdentityDbContext> contexts, MemberStanding standing, AuditActors actors, CancellationToken cancellationToken)
    {
        if (DecisionReason.Required(input?.Reason) is not { } reason)
        {
            return Problems.Invalid("reason", "Give the reason for the suspension (1 to 1000 characters); the person is told it.");
        }

        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Problems.NotFound($"There is no member {id} at this hub.");
        }

        if (IsCaller(http, account))
        {
            return Problems.Conflict("Staff cannot suspend themselves.");
        }

        if (account.SuspendedAt is not null)
        {
            return Problems.Conflict("The member is suspended already.");
        }

        return await UnlessChangedMeanwhileAsync(
            () => standing.SuspendAsync(account, reason, actors.Of(http.User), cancellationToken),
            async () => Results.Ok(await ViewOfAsync(contexts, id, cancellationToken)));
    }

    private static async Task<IResult> ReinstateAsync(
        Guid id, MembershipChangeInput? input, HttpContext http, UserManager<HubAccount> users, IDbContextFactory<IdentityDbContext> contexts, MemberStanding standing, AuditActors actors, CancellationToken cancellationToken)
    {
        if (DecisionReason.IsTooLong(input?.Reason))
        {
            return Problems.Invalid("reason", $"A note is at most {DecisionReason.MaxLength} characters.");
        }

        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Problems.NotFound($"There is no member {id} at this hub.");
        }

        if (account.SuspendedAt is null)
        {
            return Problems.Conflict("The member is not suspended.");
        }

        return await UnlessChangedMeanwhileAsync(
            () => standing.ReinstateAsync(account, DecisionReason.Optional(input?.Reason), actors.Of(http.User), cancellationToken),
            async () => Results.Ok(await ViewOfAsync(contexts, id, cancellationToken)));
    }

    private static async Task<IResult> RemoveAsync(
        Guid id, MembershipChangeInput? input, HttpContext http, UserManager<HubAccount> users, IDbContextFactory<IdentityDbContext> contexts, MemberStanding standing, AuditActors actors, CancellationToken cancellationToken)
    {
        if (DecisionReason.Required(input?.Reason) is not { } reason)
        {
            return Problems.Invalid("reason", "Give the reason for ending the membership (1 to 1000 characters); the person is told it.");
        }

        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Problems.NotFound($"There is no member {id} at this hub.");
        }

        if (IsCaller(http, account))
        {
            return Problems.Conflict("Staff cannot remove themselves; close your own account from 'my data' instead.");
        }

        return await UnlessChangedMeanwhileAsync(
            () => standing.RemoveAsync(account, reason, actors.Of(http.User), cancellationToken),
            () => Task.FromResult(Results.NoContent()));
    }

    private static async Task<IResult> ResetSecondFactorAsync(
        Guid id, MembershipChangeInput? input, HttpContext http, UserManager<HubAccount> users, IDbContextFactory<IdentityDbContext> contexts, MemberStanding standing, AuditActors actors, CancellationToken cancellationToken)
    {
        if (DecisionReason.Required(input?.Reason) is not { } reason)
        {
            return Problems.Invalid("reason", "Give the reason for the reset (1 to 1000 characters), for instance how you made sure who asked; the person is told it.");
        }

        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return Problems.NotFound($"There is no member {id} at this hub.");
        }

        // With one's own session and a second factor at hand there is nothing to reset; without, another member of
        // staff must look at who is asking.
        if (IsCaller(http, account))
        {
            return Problems.Conflict("Staff cannot reset their own second factor; another member of staff can.");
        }

        if (!account.TwoFactorEnabled)
        {
            return Problems.Conflict("The member has no second factor to reset.");
        }

        return await UnlessChangedMeanwhileAsync(
            () => standing.ResetSecondFactorAsync(account, reason, actors.Of(http.User), cancellationToken),
            async () => Results.Ok(await ViewOfAsync(contexts, id, cancellationToken)));
    }

    // Two members of staff acting on one person at once: the account's concurrency stamp lets one change win, and the
    // other is told to look again rather than shown a server error; a change that would leave nobody to run the hub
    // (two members of staff demoting each other at once) is refused the same way.
    private static async Task<IResult> UnlessChangedMeanwhileAsync(Func<Task> change, Func<Task<IResult>> answer)
    {
        try
        {
            await change();
        }
        catch (MemberStanding.ChangedMeanwhileException)
        {
            return Problems.Conflict("The member was changed by someone else meanwhile; nothing was changed. Look at them again and decide anew.");
        }
        catch (MemberStanding.LastStaffException)
        {
            return Problems.Conflict(LeavesNoStaff);
        }

        return await answer();
    }

    internal const string LeavesNoStaff = "That would leave the hub without a member of staff in standing; nothing was changed. Make someone else staff first.";

    private static bool IsCaller(HttpContext http, HubAccount account) => CallerIdentity.From(http.User)?.Subject == account.Id.ToString();

    private static async Task<HubMember?> ViewOfAsync(IdentityDbContext context, Guid id, CancellationToken cancellationToken) =>
        (await Views(context, context.Users.AsNoTracking().Where(a => a.Id == id)).SingleOrDefaultAsync(cancellationToken)) is { } found ? MemberOf(found) : null;

    // After a change, in a context of its own: the request's context wrote inside the change's transaction, now gone.
    private static async Task<HubMember?> ViewOfAsync(IDbContextFactory<IdentityDbContext> contexts, Guid id, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await ViewOfAsync(context, id, cancellationToken);
    }

    private static IQueryable<WithRoles> Views(IdentityDbContext context, IQueryable<HubAccount> accounts) =>
        accounts.Select(account => new WithRoles(
            account,
            account.Organisation!,
            context.UserRoles.Where(held => held.UserId == account.Id).Join(context.Roles, held => held.RoleId, role => role.Id, (_, role) => role.Name!).ToList()));

    private static HubMember MemberOf(WithRoles found) => new(
        found.Account.Id, found.Account.UserName!, found.Account.DisplayName, found.Account.Email!, found.Organisation.Id, found.Organisation.Name,
        found.Organisation.Type.ToWireName(), [.. found.Roles.Order(StringComparer.Ordinal)],
        found.Account.SuspendedAt is null ? HubMember.Active : HubMember.Suspended, found.Account.TwoFactorEnabled, found.Account.CreatedAt,
        found.Account.SuspendedAt, found.Account.SuspensionReason);

    private sealed record WithRoles(HubAccount Account, HubOrganisation Organisation, List<string> Roles);
}
