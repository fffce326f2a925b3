using System.Text.Encodings.Web;
using Federation.Contracts.Serialization;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.Store;
using Federation.Hub.People;
using Federation.Hub.People.JoinRequests;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Identity.Upstream;

/// <summary>
/// Linking a provider's sign-in to an existing account with the same verified address: only after that account's
/// password (and its authenticator code, when it has one) is given, never by the address alone; the person is told by mail.
/// </summary>
public static partial class InstitutionSignInPage
{
    private static async Task<IResult> LinkAsync(
        HttpContext http, [FromForm] LinkFields form, UserManager<HubAccount> users, HubSignInManager signIn, IAntiforgery antiforgery,
        IServiceProvider services, IOptions<UpstreamOptions> upstream, IOptions<HubOptions> hub, CancellationToken cancellationToken)
    {
        if (await ArrivedAsync(http, upstream.Value) is not var (provider, person))
        {
            return Results.LocalRedirect("/account/sign-in?upstream=expired");
        }

        if (await RefusedAsync(http, provider, person, services, hub.Value, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await users.FindByLoginAsync(provider.Name, person.Subject) is not null || await users.FindByEmailAsync(person.Email!) is not { } account)
        {
            return AccountPage.Message(http, hub.Value, "Link", "There is nothing to link any more: start again from the sign-in page.", StatusCodes.Status409Conflict);
        }

        // The explicit confirmation: the account's own password (and, for an account with a second factor, its code).
        IResult Refused(string message, int status) => LinkForm(http, antiforgery, hub.Value, provider, person, account, form.ReturnUrl, message, status);
        if (string.IsNullOrEmpty(form.Password) || form.Password.Length > 1000)
        {
            return Refused("Give the password of the account to link it; nothing was linked.", StatusCodes.Status400BadRequest);
        }

        var password = await signIn.CheckPasswordSignInAsync(account, form.Password, lockoutOnFailure: true);
        if (!password.Succeeded)
        {
            return password.IsLockedOut
                ? Refused(SignInPage.LockedOut, StatusCodes.Status423Locked)
                : Refused("That password is not right; nothing was linked.", StatusCodes.Status401Unauthorized);
        }

        if (account.TwoFactorEnabled
            && (SecondFactorCodes.Authenticator(form.Code) is not { } code
                || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code)))
        {
            await users.AccessFailedAsync(account);
            return Refused("Give the current code of your authenticator app as well; nothing was linked.", StatusCodes.Status401Unauthorized);
        }

        // In a scope of its own: Entity Framework enlisted in a unit of work cannot be used after it, and the sign-in
        // that follows reads the account through this request's.
        var linked = await WriteApartAsync(services, async (inScope, work) =>
        {
            var scopedUsers = inScope.GetRequiredService<UserManager<HubAccount>>();
            var mine = (await scopedUsers.FindByIdAsync(account.Id.ToString()))!;
            if (!(await scopedUsers.AddLoginAsync(mine, new UserLoginInfo(provider.Name, person.Subject, provider.DisplayName))).Succeeded)
            {
                return false;
            }

            await work.AuditAsync(new AuditEntry("account.upstream-linked", "done", new AuditActor("member", mine.Id.ToString(), hub.Value.Id, mine.DisplayName),
                Target: mine.Id.ToString(), Details: new Dictionary<string, string?> { ["provider"] = provider.Name }), cancellationToken);
            await work.MailAsync(inScope.GetRequiredService<PeopleMail>().InstitutionLinked(mine.Email!, mine.UserName!, provider.DisplayName), cancellationToken);
            await work.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
        if (!linked)
        {
            return AccountPage.Message(http, hub.Value, "Link", "This sign-in is linked to an account already.", StatusCodes.Status409Conflict);
        }

        return await SignInLinkedAsync(http, account, provider, person, users, signIn, hub.Value, form.ReturnUrl);
    }

    private static IResult LinkForm(
        HttpContext http, IAntiforgery antiforgery, HubOptions hub, UpstreamProvider provider, UpstreamIdentity person, HubAccount account, string? returnUrl,
        string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var code = account.TwoFactorEnabled
            ? """<label for="code">Code from your authenticator app</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>"""
            : "";
        var body = $"""
            <h1>Link your sign-in</h1>
            <p>{html.Encode(hub.DisplayName)} has an account with the address <strong>{html.Encode(person.Email!)}</strong>. To let
            {html.Encode(provider.DisplayName)} sign you in to it, confirm that it is yours: give its password. Nothing is linked otherwise.</p>
            {message}
            <form method="post" action="/account/institution/link">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
              <label for="password">Password of the account at {html.Encode(hub.DisplayName)}</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              {code}
              <button type="submit">Link and sign in</button>
            </form>
            """;
        return AccountPage.Render(http, $"Link · {hub.DisplayName}", body, status);
    }

    public sealed class LinkFields
    {
        public string? Password { get; set; }

        public string? Code { get; set; }

        public string? ReturnUrl { get; set; }
    }
}
