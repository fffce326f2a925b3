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
/// A signed-in member's own security page at their hub: whether a second factor is on (and a way to turn it on), new
/// recovery codes for the ones used up or lost (given the current code), and which sign-ins reach the account. The
/// portal links here; secrets never pass through the portal.
/// </summary>
public static class SecurityPage
{
    public const string Path = "/account/security";

    public static IEndpointRouteBuilder MapSecurityPage(this IEndpointRouteBuilder app)
    {
        var security = app.MapGroup(Path).WithTags("Sign-in").ExcludeFromDescription();
        security.MapGet("", ShowAsync);
        security.MapPost("/recovery-codes", RenewRecoveryCodesAsync);
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, UserManager<HubAccount> users, IAntiforgery antiforgery, IOptions<HubOptions> hub, [FromQuery] string? returnUrl)
    {
        if (await SignInSteps.SignedInMemberAsync(http, users) is not { } account)
        {
            return Results.LocalRedirect(SignInSteps.Next("/account/sign-in", SignInSteps.Next(Path, returnUrl)));
        }

        return await PageAsync(http, users, antiforgery, hub.Value, account, returnUrl, error: null);
    }

    private static async Task<IResult> RenewRecoveryCodesAsync(
        HttpContext http, [FromForm] SecondFactorPage.CodeForm form, UserManager<HubAccount> users, IAntiforgery antiforgery, HubWrites writes,
        IdentityDbContext context, PeopleMail mail, IOptions<HubOptions> hub)
    {
        if (await SignInSteps.SignedInMemberAsync(http, users) is not { } account)
        {
            return Results.LocalRedirect("/account/sign-in");
        }

        if (!account.TwoFactorEnabled)
        {
            return Results.LocalRedirect(SignInSteps.Next(SignInSteps.EnrolmentPath, form.ReturnUrl));
        }

        if (await users.IsLockedOutAsync(account))
        {
            return await PageAsync(http, users, antiforgery, hub.Value, account, form.ReturnUrl, SignInPage.LockedOut, StatusCodes.Status423Locked);
        }

        // The codes are the way back in when the device is gone: only the holder of the device makes new ones.
        if (SecondFactorCodes.Authenticator(form.Code) is not { } code || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.AccessFailedAsync(account);
            return await PageAsync(http, users, antiforgery, hub.Value, account, form.ReturnUrl,
                "That code is not right; your recovery codes were not changed.", StatusCodes.Status401Unauthorized);
        }

        List<string> codes = [];
        await SignInChange.CommitAsync(writes, context, async () =>
            {
                SignInChange.Ensure(await users.ResetAccessFailedCountAsync(account));
                codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, SecondFactorCodes.RecoveryCount))!];
            },
            new AuditEntry("account.recovery-codes-renewed", "done", new AuditActor("member", account.Id.ToString(), hub.Value.Id, account.DisplayName)),
            account.Email is { Length: > 0 } email ? mail.RecoveryCodesRenewed(email, account.UserName ?? "") : null, http.RequestAborted);
        var html = HtmlEncoder.Default;
        return AccountPage.Render(http, $"Recovery codes · {hub.Value.DisplayName}", $"""
            <h1>New recovery codes</h1>
            <p>Your earlier codes no longer work. Keep these somewhere safe: each signs you in once, and they are shown only now.</p>
            {SecondFactorCodes.RecoveryList(codes)}
            <p><a href="{html.Encode(SignInSteps.Next(Path, form.ReturnUrl))}">Back</a></p>
            """);
    }

    private static async Task<IResult> PageAsync(
        HttpContext http, UserManager<HubAccount> users, IAntiforgery antiforgery, HubOptions hub, HubAccount account, string? returnUrl, string? error,
        int status = StatusCodes.Status200OK)
    {
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var logins = (await users.GetLoginsAsync(account)).Select(login => login.ProviderDisplayName ?? login.LoginProvider).ToList();
        var ways = new List<string>();
        if (await users.HasPasswordAsync(account))
        {
            ways.Add("your password at this hub");
        }

        ways.AddRange(logins);
        string secondFactor;
        if (account.TwoFactorEnabled)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            secondFactor = $"""
                <p>Two-factor sign-in is <strong>on</strong>; {await users.CountRecoveryCodesAsync(account)} recovery codes are left.</p>
                {message}
                <form method="post" action="{Path}/recovery-codes">
                  <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
                  <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
                  <label for="code">Code from your authenticator app</label>
                  <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
                  <button type="submit">Make new recovery codes</button>
                </form>
                """;
        }
        else
        {
            secondFactor = $"""
                <p>Two-factor sign-in is <strong>off</strong>. Turn it on to protect your account with a code from an authenticator app.</p>
                {message}
                <p><a href="{html.Encode(SignInSteps.Next(SignInSteps.EnrolmentPath, SignInSteps.Next(Path, returnUrl)))}">Turn on two-factor sign-in</a></p>
                """;
        }

        var back = SignInSteps.IsLocal(returnUrl) ? $"""<p><a href="{html.Encode(returnUrl!)}">Back</a></p>""" : "";
        var body = $"""
            <h1>Your sign-in at {html.Encode(hub.DisplayName)}</h1>
            <p>Signed in as <strong>{html.Encode(account.UserName ?? "")}</strong>. You can sign in with: {html.Encode(string.Join(", ", ways))}.</p>
            <h2>Second factor</h2>
            {secondFactor}
            <h2>Password</h2>
            <p><a href="/account/forgot-password">Set a new password</a> (we mail you a link).</p>
            {back}
            """;
        return AccountPage.Render(http, $"Security · {hub.DisplayName}", body, status);
    }
}
