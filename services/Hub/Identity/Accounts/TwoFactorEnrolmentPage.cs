using System.Text;
using System.Text.Encodings.Web;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Store;
using Federation.Hub.People;
using Federation.Hub.Writes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// Enrolling an authenticator app (TOTP, RFC 6238) right after the password, which every member of staff must do
/// before their first session: the page shows the key, the person proves it works with a code, and gets ten
/// single-use recovery codes, shown this once. A member signed in already (any member, from their security page) enrols
/// the same way, after a recent sign-in, and is told by mail. An account that already has a second factor cannot
/// enrol another here with a password alone.
/// </summary>
public static class TwoFactorEnrolmentPage
{
    public static IEndpointRouteBuilder MapTwoFactorEnrolmentPage(this IEndpointRouteBuilder app)
    {
        var enrol = app.MapGroup(SignInSteps.EnrolmentPath).WithTags("Sign-in").ExcludeFromDescription();
        enrol.MapGet("", ShowAsync);
        enrol.MapPost("", ConfirmAsync);
        return app;
    }

    private static async Task<IResult> ShowAsync(
        HttpContext http, HubSignInManager signIn, IAntiforgery antiforgery, IOptions<HubOptions> hub, TimeProvider clock, [FromQuery] string? returnUrl)
    {
        var (account, signInAgain) = await EnrollingAsync(http, signIn, clock);
        if (account is null || account.TwoFactorEnabled)
        {
            return Results.LocalRedirect(SignInSteps.Next(account is null ? "/account/sign-in" : SignInSteps.SecondFactorPath, returnUrl));
        }

        if (signInAgain)
        {
            return Results.LocalRedirect(SignInSteps.SignInAgain(SignInSteps.Next(SignInSteps.EnrolmentPath, returnUrl)));
        }

        return Page(http, antiforgery, hub.Value, account, await NewKeyAsync(signIn.UserManager, account, http.RequestServices), returnUrl, error: null);
    }

    private static async Task<IResult> ConfirmAsync(
        HttpContext http, [FromForm] SecondFactorPage.CodeForm form, HubSignInManager signIn, IAntiforgery antiforgery, HubWrites writes,
        IdentityDbContext context, PeopleMail mail, IOptions<HubOptions> hub, TimeProvider clock)
    {
        var users = signIn.UserManager;
        var (account, signInAgain) = await EnrollingAsync(http, signIn, clock);
        if (account is null || account.TwoFactorEnabled)
        {
            return Results.LocalRedirect(SignInSteps.Next(account is null ? "/account/sign-in" : SignInSteps.SecondFactorPath, form.ReturnUrl));
        }

        if (signInAgain)
        {
            return Results.LocalRedirect(SignInSteps.SignInAgain(SignInSteps.Next(SignInSteps.EnrolmentPath, form.ReturnUrl)));
        }

        // The key is the one this page showed: a second look at the page (in another tab, or by someone else) made a
        // new one, and the code of the old one no longer fits.
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            return Results.LocalRedirect(SignInSteps.Next(SignInSteps.EnrolmentPath, form.ReturnUrl));
        }

        var code = SecondFactorCodes.Authenticator(form.Code);
        if (await users.IsLockedOutAsync(account))
        {
            return Page(http, antiforgery, hub.Value, account, key, form.ReturnUrl, SignInPage.LockedOut, StatusCodes.Status423Locked);
        }

        if (code is null || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.AccessFailedAsync(account);
            return Page(http, antiforgery, hub.Value, account, key, form.ReturnUrl,
                "That code is not right. Check the key in your app and try the code it shows now.", StatusCodes.Status401Unauthorized);
        }

        List<string> recoveryCodes = [];
        await SignInChange.CommitAsync(writes, context, async () =>
            {
                SignInChange.Ensure(await users.SetTwoFactorEnabledAsync(account, true));
                recoveryCodes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, SecondFactorCodes.RecoveryCount))!];
                SignInChange.Ensure(await users.ResetAccessFailedCountAsync(account));
                // The session too is made inside the change: its claims carry the security stamp just renewed.
                await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
                await signIn.SignInAsync(account, isPersistent: false, authenticationMethod: SignInSteps.MultiFactor);
            },
            new AuditEntry("account.two-factor-enrolled", "succeeded", new AuditActor("member", account.Id.ToString(), hub.Value.Id, account.DisplayName)),
            account.Email is { Length: > 0 } email ? mail.TwoFactorTurnedOn(email, account.UserName ?? "") : null, http.RequestAborted);

        return RecoveryCodesPage(http, hub.Value, recoveryCodes, form.ReturnUrl);
    }

    /// <summary>
    /// Who is enrolling: right after the password (Identity's two-factor cookie), or a member with a session here
    /// already — who must have signed in recently, since a session left open elsewhere must not be enough to put the
    /// taker's device on the account.
    /// </summary>
    private static async Task<(HubAccount? Account, bool SignInAgain)> EnrollingAsync(HttpContext http, HubSignInManager signIn, TimeProvider clock)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is { } afterPassword)
        {
            return (afterPassword, false);
        }

        var member = await SignInSteps.SignedInMemberAsync(http, signIn.UserManager);
        return member is { TwoFactorEnabled: false } ? (member, !await SignInSteps.SignedInRecentlyAsync(http, clock)) : (member, false);
    }

    // A new key each time the page is shown, kept until enrolment completes or the page is shown again: a key anyone
    // saw before (a page left open, a look over the shoulder) never becomes the one the account trusts. Set through the
    // store rather than Identity's reset, which also changes the security stamp: looking at this page must not end the
    // person's session and refresh tokens.
    private static async Task<string> NewKeyAsync(UserManager<HubAccount> users, HubAccount account, IServiceProvider services)
    {
        var store = (IUserAuthenticatorKeyStore<HubAccount>)services.GetRequiredService<IUserStore<HubAccount>>();
        var key = users.GenerateNewAuthenticatorKey();
        await store.SetAuthenticatorKeyAsync(account, key, CancellationToken.None);
        var saved = await users.UpdateAsync(account);
        return saved.Succeeded
            ? key
            : throw new InvalidOperationException($"The authenticator key could not be kept: {string.Join(" ", saved.Errors.Select(e => e.Code))}");
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, HubOptions hub, HubAccount account, string key, string? returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var issuer = Uri.EscapeDataString(hub.DisplayName);
        var link = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account.UserName ?? "")}?secret={key}&issuer={issuer}&digits=6&period=30";
        var body = $"""
            <h1>Set up your second factor</h1>
            <p>Staff of {html.Encode(hub.DisplayName)} sign in with a password and a code from an authenticator app
            (any app for time-based codes). Add this key to your app, or open the link on the device that has it:</p>
            <p class="key" id="authenticator-key">{html.Encode(Grouped(key))}</p>
            <p><a href="{html.Encode(link)}">Add to my authenticator app</a></p>
            {message}
            <form method="post" action="{SignInSteps.EnrolmentPath}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
              <label for="code">The code your app shows now</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
              <button type="submit">Turn on two-factor sign-in</button>
            </form>
            """;
        return AccountPage.Render(http, $"Second factor · {hub.DisplayName}", body, status);
    }

    private static IResult RecoveryCodesPage(HttpContext http, HubOptions hub, IReadOnlyList<string> codes, string? returnUrl)
    {
        var html = HtmlEncoder.Default;
        var body = $"""
            <h1>Two-factor sign-in is on</h1>
            <p>Keep these recovery codes somewhere safe. Each signs you in once if you lose your device; they are shown only now.</p>
            {SecondFactorCodes.RecoveryList(codes)}
            <p><a href="{html.Encode(SignInSteps.ReturnUrlOrHome(returnUrl))}">Continue</a></p>
            """;
        return AccountPage.Render(http, $"Recovery codes · {hub.DisplayName}", body);
    }

    // Groups of four, as authenticator apps show keys: easier to type without a mistake.
    private static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
}
