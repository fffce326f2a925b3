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
        var logins = await users.GetLoginsAsync(account);
        var profile = new MyProfile(
            account.Id, account.UserName!, account.DisplayName, account.Email!, account.EmailConfirmed, account.OrganisationId,
            [.. (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal)], account.CreatedAt, await users.HasPasswordAsync(account),
            account.TwoFactorEnabled, [.. logins.Select(login => login.LoginProvider)], account.SuspendedAt, account.SuspensionReason,
            [.. logins.Select(login => new LinkedSignIn(login.LoginProvider, login.ProviderDisplayName ?? login.LoginProvider, login.ProviderKey))]);
        var now = clock.GetUtcNow();
        var email = account.NormalizedEmail ?? account.Email!.ToUpperInvariant();
        // One more than is handed over is read, so that a cut list says it was cut.
        var notifications = await NotificationEndpoints.ReadAsync(database, subject, unreadOnly: false, MostRecords + 1, cancellationToken);
        var auditRecords = await AuditEndpoints.AboutPersonAsync(database, hubId, subject, MostRecords + 1, cancellationToken);
        var joinRequests = await context.JoinRequests.AsNoTracking().Where(r => r.Email.ToUpper() == email)
            .OrderByDescending(r => r.CreatedAt).Take(MostRecords + 1).ToListAsync(cancellationToken);
        var invitations = await context.Invitations.AsNoTracking().Where(i => i.Email.ToUpper() == email)
            .OrderByDescending(i => i.CreatedAt).Take(MostRecords + 1).ToListAsync(cancellationToken);
        var accessRequests = await requests.ListAsync(state: null, resourceId: null, (hubId, subject), cancellationToken, MostRecords + 1);
        var introductionsAsked = await introductions.ListAsync(state: null, (hubId, subject), cancellationToken, MostRecords + 1);
        var mails = await MailOfAsync(database, account.Email!, MostRecords + 1, cancellationToken);
        string[] truncated = [.. new[]
        {
            ("accessRequests", accessRequests.Count), ("introductions", introductionsAsked.Count), ("notifications", notifications.Count),
            ("auditRecords", auditRecords.Count), ("joinRequests", joinRequests.Count), ("invitations", invitations.Count), ("mails", mails.Count),
        }.Where(list => list.Count > MostRecords).Select(list => list.Item1)];
        var data = new Contracts.Hub.MyData(
            now, hubId, profile,
            await OrganisationEndpoints.FindAsync(context, account.OrganisationId, cancellationToken),
            [.. accessRequests.Take(MostRecords)],
            [.. introductionsAsked.Take(MostRecords)],
            await grants.ListOfPersonAsync(hubId, subject, cancellationToken),
            [.. notifications.Take(MostRecords)],
            [.. auditRecords.Take(MostRecords)],
            [.. joinRequests.Take(MostRecords).Select(JoinRequestEndpoints.RecordOf)],
            [.. invitations.Take(MostRecords).Select(invitation => Invitations.Invitations.RecordOf(invitation, now))],
            [.. mails.Take(MostRecords)],
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

    // Mail is kept under the address it went to, which may be written in another case than the account's.
    private static async Task<List<MailRecord>> MailOfAsync(NpgsqlDataSource database, string email, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT subject, created_at, sent_at FROM hub_mail_outbox WHERE lower(recipient) = lower($1) ORDER BY id DESC LIMIT {limit}");
        command.Parameters.AddWithValue(email);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var mails = new List<MailRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            mails.Add(new MailRecord(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return mails;
    }

    private static async Task<HubAccount?> HolderAsync(HttpContext http, UserManager<HubAccount> users) =>
        CallerIdentity.From(http.User) is { } caller && Guid.TryParse(caller.Subject, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
}
