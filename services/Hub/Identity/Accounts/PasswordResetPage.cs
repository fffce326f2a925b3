using System.Text.Encodings.Web;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Store;
using Federation.Hub.People;
using Federation.Hub.People.Invitations;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// A forgotten password: the person gives their username or e-mail address and gets a link by mail (Identity's
/// reset token: two hours, tied to the account's security stamp, so it works once); the page answers the same whether
/// or not there is such an account. An account that signs in with an institution and has no password gets no password
/// this way, only a reminder of how it signs in. A new password ends every session and refresh token, and the person
/// is told.
/// </summary>
public static class PasswordResetPage
{
    public const string ForgotPath = "/account/forgot-password";
    public const string ResetPath = "/account/reset-password";

    private const string Sent = "If there is an account with that name or address, a message with a link to choose a new password is on its way to it.";
    private const string Spoiled = "This link does not work (any more): it was used, it expired, or the password was changed since. Ask for a new one.";

    public static IEndpointRouteBuilder MapPasswordResetPage(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Sign-in").ExcludeFromDescription();
        account.MapGet("/forgot-password", (HttpContext http, IAntiforgery antiforgery, IOptions<HubOptions> hub) => AskForm(http, antiforgery, hub.Value, null));
        account.MapPost("/forgot-password", AskAsync);
        account.MapGet("/reset-password", (HttpContext http, IAntiforgery antiforgery, IOptions<HubOptions> hub, [FromQuery] string? user, [FromQuery] string? token) =>
            ResetForm(http, antiforgery, hub.Value, user, token, error: null));
        account.MapPost("/reset-password", ResetAsync);
        return app;
    }

    private static async Task<IResult> AskAsync(
        [FromForm] AskFields form, HttpContext http, UserManager<HubAccount> users, HubWrites writes, PeopleMail mail, IAntiforgery antiforgery,
        IOptions<HubOptions> hub, CancellationToken cancellationToken)
    {
        var given = form.UsernameOrEmail?.Trim() ?? "";
        if (given.Length is 0 or > 256)
        {
            return AskForm(http, antiforgery, hub.Value, "Give your username or your e-mail address.", StatusCodes.Status400BadRequest);
        }

        var account = given.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(given) : await users.FindByNameAsync(given);
        if (account is { EmailConfirmed: true, SuspendedAt: null, Email: { } email })
        {
            var actor = new AuditActor("member", account.Id.ToString(), hub.Value.Id, account.DisplayName);
            await using var work = await writes.BeginAsync(cancellationToken);
            // Asked again and again: the links sent this hour still work, and nothing more is sent.
            if (!await work.MayMailUnaskedAsync(email, cancellationToken))
            {
                return AccountPage.Message(http, hub.Value, "Check your mailbox", Sent, StatusCodes.Status200OK);
            }

            if (await InstitutionsOnlyAsync(users, account) is { Count: > 0 } institutions)
            {
                // Someone who signs in with their institution gets no password here: that would be a second way in
                // which outlives their institution's say (an identity it ended would still open the hub).
                await work.AuditAsync(new AuditEntry("account.password-reset-asked", "refused", actor,
                    Details: new Dictionary<string, string?> { ["reason"] = "signs in with an institution" }), cancellationToken);
                await work.MailAsync(mail.SignsInWithInstitution(email, account.UserName ?? "", institutions), cancellationToken);
            }
            else
            {
                var token = await users.GeneratePasswordResetTokenAsync(account);
                var link = new Uri(hub.Value.PublicUrl!, $"{ResetPath}?user={account.Id}&token={Uri.EscapeDataString(token)}");
                await work.AuditAsync(new AuditEntry("account.password-reset-asked", "done", actor), cancellationToken);
                await work.MailAsync(mail.PasswordResetLink(email, account.UserName ?? "", link), cancellationToken);
            }

            await work.CommitAsync(cancellationToken);
        }

        return AccountPage.Message(http, hub.Value, "Check your mailbox", Sent, StatusCodes.Status200OK);
    }

    // The institutions an account signs in with, when it has no password of its own; empty otherwise.
    private static async Task<IReadOnlyList<string>> InstitutionsOnlyAsync(UserManager<HubAccount> users, HubAccount account) =>
        await users.HasPasswordAsync(account)
            ? []
            : [.. (await users.GetLoginsAsync(account)).Select(login => login.ProviderDisplayName ?? login.LoginProvider)];

    private static async Task<IResult> ResetAsync(
        [FromForm] ResetFields form, HttpContext http, UserManager<HubAccount> users, IdentityDbContext context, HubWrites writes, PeopleMail mail,
        RevokedPeople revoked, IAntiforgery antiforgery, IOptions<HubOptions> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(form.User, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        if (account is not { SuspendedAt: null } || string.IsNullOrEmpty(form.Token) || (await InstitutionsOnlyAsync(users, account)).Count > 0)
        {
            return AccountPage.Message(http, hub.Value, "New password", Spoiled, StatusCodes.Status400BadRequest);
        }

        if (form.Password != form.ConfirmPassword)
        {
            return ResetForm(http, antiforgery, hub.Value, form.User, form.Token, "The two passwords differ.", StatusCodes.Status400BadRequest);
        }

        // The new password, the end of the old tokens, the audit record and the mail commit together or not at all: a
        // password changed without the person told, or told of a change that did not happen, is worse than a retry.
        await using var work = await writes.BeginAsync(cancellationToken);
        await context.EnlistAsync(work, cancellationToken);
        var reset = await users.ResetPasswordAsync(account, form.Token, form.Password ?? "");
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? AccountPage.Message(http, hub.Value, "New password", Spoiled, StatusCodes.Status400BadRequest)
                : ResetForm(http, antiforgery, hub.Value, form.User, form.Token, string.Join(" ", reset.Errors.Select(e => e.Description)), StatusCodes.Status400BadRequest);
        }

        // The person proved they hold the mailbox: a lockout from guessing ends with the new password.
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        // Whoever knew the old password may hold access tokens: those end at the next request too.
        await RevokedPeople.CutOffTokensAsync(hub.Value.Id, account.Id.ToString(), clock.GetUtcNow(), work, cancellationToken);
        await work.AuditAsync(new AuditEntry("account.password-reset", "done", new AuditActor("member", account.Id.ToString(), hub.Value.Id, account.DisplayName)), cancellationToken);
        await work.MailAsync(mail.PasswordChanged(account.Email!, account.UserName ?? ""), cancellationToken);
        await work.CommitAsync(cancellationToken);
        await revoked.RefreshAsync(cancellationToken);
        return AccountPage.Message(http, hub.Value, "Password changed", "Your new password works from now on; every earlier session has ended.", StatusCodes.Status200OK, signIn: true);
    }

    private static IResult AskForm(HttpContext http, IAntiforgery antiforgery, HubOptions hub, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var body = $"""
            <h1>Forgot your password?</h1>
            <p>We send a link to choose a new one to the e-mail address of your account at {html.Encode(hub.DisplayName)}.</p>
            {message}
            <form method="post" action="{ForgotPath}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <label for="usernameOrEmail">Username or e-mail address</label>
              <input id="usernameOrEmail" name="usernameOrEmail" autocomplete="username" required>
              <button type="submit">Send me a link</button>
            </form>
            """;
        return AccountPage.Render(http, $"Forgot password · {hub.DisplayName}", body, status);
    }

    private static IResult ResetForm(HttpContext http, IAntiforgery antiforgery, HubOptions hub, string? user, string? token, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var body = $"""
            <h1>Choose a new password</h1>
            {message}
            <form method="post" action="{ResetPath}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <input type="hidden" name="user" value="{html.Encode(user ?? "")}">
              <input type="hidden" name="token" value="{html.Encode(token ?? "")}">
              <label for="password">New password (at least 12 characters)</label>
              <input id="password" name="password" type="password" autocomplete="new-password" required minlength="12">
              <label for="confirmPassword">The same password again</label>
              <input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required minlength="12">
              <button type="submit">Change my password</button>
            </form>
            """;
        return AccountPage.Render(http, $"New password · {hub.DisplayName}", body, status);
    }

    public sealed class AskFields
    {
        public string? UsernameOrEmail { get; set; }
    }

    public sealed class ResetFields
    {
        public string? User { get; set; }

        public string? Token { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }
}
