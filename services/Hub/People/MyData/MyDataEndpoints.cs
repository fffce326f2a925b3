using Federation.Contracts.Hub;
using Federation.Hub.Access;
using Federation.Hub.Access.Grants;
using Federation.Hub.Access.Introductions;
using Federation.Hub.Access.Requests;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Identity.Store;
using Federation.Hub.Notifications;
using Federation.Hub.People.JoinRequests;
using Federation.Hub.People.Members;
using Federation.Hub.People.Organisations;
using Federation.Hub.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.People.MyData;

/// <summary>
/// A member's rights over their data at their home hub (GDPR articles 15, 17 and 20): GET /me/data hands over
/// everything the hub holds about them as one JSON document, POST /me/close mails them the link that closes the account
/// (<see cref="AccountClosurePage"/>, then <see cref="MemberStanding.CloseAsync"/>).
/// Only the person themself, with a token of their home hub; never staff on their behalf, never a guest.
/// </summary>
public static class MyDataEndpoints
{
    private const int MostRecords = 10_000;

    public static IEndpointRouteBuilder MapMyData(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/me").WithTags("Me").RequireAuthorization(HubAuthorization.Member);
        me.MapGet("/data", ExportAsync);
        me.MapPost("/close", CloseAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, UserManager<HubAccount> users, IdentityDbContext context, AccessRequestStore requests, IntroductionStore introductions,
        GrantStore grants, NpgsqlDataSource database, AuditLog audit, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await HolderAsync(http, users) is not { } account)
        {
            return Problems.NotFound("Your account is not at this hub any more.");
        }

        var hubId = hub.Value.Id;
        var subject = account.Id.ToString();
        var profile = new MyProfile(
            account.Id, account.UserName!, account.DisplayName, account.Email!, account.EmailConfirmed, account.OrganisationId,
            [.. (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal)], account.CreatedAt, await users.HasPasswordAsync(account),
            account.TwoFactorEnabled, [.. (await users.GetLoginsAsync(account)).Select(login => login.LoginProvider)], account.SuspendedAt);
        var now = clock.GetUtcNow();
        var email = account.NormalizedEmail ?? account.Email!.ToUpperInvariant();
        // One more than is handed over is read, so that a cut list says it was cut.
        var notifications = await NotificationEndpoints.ReadAsync(database, subject, unreadOnly: false, MostRecords + 1, cancellationToken);
        var auditRecords = await AuditEndpoints.AboutPersonAsync(database, hubId, subject, MostRecords + 1, cancellationToken);
        var joinRequests = await context.JoinRequests.AsNoTracking().Where(r => r.Email.ToUpper() == email)
            .OrderByDescending(r => r.CreatedAt).Take(MostRecords + 1).ToListAsync(cancellationToken);
        var invitations = await context.Invitations.AsNoTracking().Where(i => i.Email.ToUpper() == email)
            .OrderByDescending(i => i.CreatedAt).Take(MostRecords + 1).ToListAsync(cancellationToken);
        string[] truncated = [.. new[]
        {
            ("notifications", notifications.Count), ("auditRecords", auditRecords.Count), ("joinRequests", joinRequests.Count), ("invitations", invitations.Count),
        }.Where(list => list.Count > MostRecords).Select(list => list.Item1)];
        var data = new Contracts.Hub.MyData(
            now, hubId, profile,
            await OrganisationEndpoints.FindAsync(context, account.OrganisationId, cancellationToken),
            await requests.ListAsync(state: null, resourceId: null, (hubId, subject), cancellationToken),
            await introductions.ListAsync(state: null, (hubId, subject), cancellationToken),
            await grants.ListOfPersonAsync(hubId, subject, cancellationToken),
            [.. notifications.Take(MostRecords)],
            [.. auditRecords.Take(MostRecords)],
            [.. joinRequests.Take(MostRecords).Select(JoinRequestEndpoints.RecordOf)],
            [.. invitations.Take(MostRecords).Select(invitation => Invitations.Invitations.RecordOf(invitation, now))],
            truncated);
        await audit.AppendAsync(new AuditEntry("member.data-exported", "done", new AuditActor("member", subject, hubId, account.DisplayName), Target: subject),
            cancellationToken);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"my-data-{hubId}.json\"";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(data, statusCode: StatusCodes.Status200OK);
    }

    // The account is not closed here but by the link mailed to its address (AccountClosurePage): a token alone, in
    // whatever hands, must not be enough to erase a person's membership.
    private static async Task<IResult> CloseAsync(
        AccountClosureInput? input, HttpContext http, UserManager<HubAccount> users, HubWrites writes, PeopleMail mail, IOptions<HubOptions> hub,
        CancellationToken cancellationToken)
    {
        if (await HolderAsync(http, users) is not { } account)
        {
            return Problems.NotFound("Your account is not at this hub any more.");
        }

        // Typed again, so that a stray click or a forged request from a page the person has open closes nothing.
        if (input?.ConfirmUsername != account.UserName)
        {
            return Problems.Invalid("confirmUsername", "Type your username to confirm that you want to close your account; nothing was changed.");
        }

        if (await IsOnlyStaffAsync(users, account))
        {
            return Problems.Conflict(OnlyStaff);
        }

        var link = await AccountClosurePage.LinkAsync(users, account, hub.Value);
        await using var work = await writes.BeginAsync(cancellationToken);
        await work.AuditAsync(new AuditEntry("member.close-asked", "done", new AuditActor("member", account.Id.ToString(), hub.Value.Id, account.DisplayName),
            Target: account.Id.ToString()), cancellationToken);
        await work.MailAsync(mail.ConfirmClosure(account.Email!, account.UserName!, link), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return Results.Accepted();
    }

    internal const string OnlyStaff = "You are this hub's only member of staff: make someone else staff before you close your account; nothing was changed.";

    /// <summary>Whether <paramref name="account"/> is the last member of staff in standing: a hub must keep someone who can run it.</summary>
    internal static async Task<bool> IsOnlyStaffAsync(UserManager<HubAccount> users, HubAccount account) =>
        await users.IsInRoleAsync(account, HubRoles.Staff)
        && !(await users.GetUsersInRoleAsync(HubRoles.Staff)).Any(other => other.Id != account.Id && other.SuspendedAt is null);

    private static async Task<HubAccount?> HolderAsync(HttpContext http, UserManager<HubAccount> users) =>
        CallerIdentity.From(http.User) is { } caller && Guid.TryParse(caller.Subject, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
}
