using System.Text.Encodings.Web;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// The second step of signing in for an account with two-factor authentication: the six-digit code of the person's
/// authenticator app, or one of their recovery codes (each good once). Wrong codes count towards lockout like wrong
/// passwords. Only reachable in the minutes after the right password was given.
/// </summary>
public static class SecondFactorPage
{
    public static IEndpointRouteBuilder MapSecondFactorPage(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account/second-factor").WithTags("Sign-in").ExcludeFromDescription();
        account.MapGet("", (HttpContext http, HubSignInManager signIn, IAntiforgery antiforgery, IOptions<HubOptions> hub, [FromQuery] string? returnUrl) =>
            ShowAsync(http, signIn, antiforgery, hub.Value, returnUrl, recovery: false));
        account.MapGet("/recovery", (HttpContext http, HubSignInManager signIn, IAntiforgery antiforgery, IOptions<HubOptions> hub, [FromQuery] string? returnUrl) =>
            ShowAsync(http, signIn, antiforgery, hub.Value, returnUrl, recovery: true));
        account.MapPost("", (HttpContext http, [FromForm] CodeForm form, HubSignInManager signIn, IAntiforgery antiforgery, AuditLog audit, IOptions<HubOptions> hub) =>
            CheckAsync(http, form, signIn, antiforgery, audit, hub.Value, recovery: false));
        account.MapPost("/recovery", (HttpContext http, [FromForm] CodeForm form, HubSignInManager signIn, IAntiforgery antiforgery, AuditLog audit, IOptions<HubOptions> hub) =>
            CheckAsync(http, form, signIn, antiforgery, audit, hub.Value, recovery: true));
        return app;
    }

    // Someone still to enrol has no second factor to give here; the enrolment page is their next step.
    private static async Task<IResult> ShowAsync(HttpContext http, HubSignInManager signIn, IAntiforgery antiforgery, HubOptions hub, string? returnUrl, bool recovery) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() switch
        {
            null => Results.LocalRedirect(SignInSteps.Next("/account/sign-in", returnUrl)),
            { TwoFactorEnabled: false } => Results.LocalRedirect(SignInSteps.Next(SignInSteps.EnrolmentPath, returnUrl)),
            _ => Page(http, antiforgery, hub, returnUrl, recovery, error: null),
        };

    private static async Task<IResult> CheckAsync(
        HttpContext http, CodeForm form, HubSignInManager signIn, IAntiforgery antiforgery, AuditLog audit, HubOptions hub, bool recovery)
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
        {
            return Results.LocalRedirect(SignInSteps.Next("/account/sign-in", form.ReturnUrl));
        }

        if (!account.TwoFactorEnabled)
        {
            return Results.LocalRedirect(SignInSteps.Next(SignInSteps.EnrolmentPath, form.ReturnUrl));
        }

        var code = recovery ? SecondFactorCodes.Recovery(form.Code) : SecondFactorCodes.Authenticator(form.Code);
        var result = code is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : recovery
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
                : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            if (recovery)
            {
                var left = await signIn.UserManager.CountRecoveryCodesAsync(account);
                await audit.AppendAsync(new AuditEntry("account.recovery-code-used", "succeeded", new AuditActor("member", account.Id.ToString(), hub.Id, account.DisplayName),
                    Details: new Dictionary<string, string?> { ["recoveryCodesLeft"] = left.ToString(System.Globalization.CultureInfo.InvariantCulture) }), http.RequestAborted);
            }

            return Results.LocalRedirect(SignInSteps.ReturnUrlOrHome(form.ReturnUrl));
        }

        return result.IsLockedOut
            ? Page(http, antiforgery, hub, form.ReturnUrl, recovery, SignInPage.LockedOut, StatusCodes.Status423Locked)
            : Page(http, antiforgery, hub, form.ReturnUrl, recovery, recovery ? "That recovery code is not valid, or was used before." : "That code is not right. Codes change every 30 seconds: try the current one.", StatusCodes.Status401Unauthorized);
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, HubOptions hub, string? returnUrl, bool recovery, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var action = recovery ? SignInSteps.RecoveryCodePath : SignInSteps.SecondFactorPath;
        var (label, field, other) = recovery
            ? ("Recovery code", """<input id="code" name="code" autocomplete="off" required>""",
                $"""<p><a href="{html.Encode(SignInSteps.Next(SignInSteps.SecondFactorPath, returnUrl))}">Use your authenticator app instead</a></p>""")
            : ("Code from your authenticator app", """<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>""",
                $"""<p><a href="{html.Encode(SignInSteps.Next(SignInSteps.RecoveryCodePath, returnUrl))}">Lost your device? Use a recovery code</a></p>""");
        var body = $"""
            <h1>Second step at {html.Encode(hub.DisplayName)}</h1>
            {message}
            <form method="post" action="{action}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
              <label for="code">{label}</label>
              {field}
              <button type="submit">Continue</button>
            </form>
            {other}
            """;
        return AccountPage.Render(http, $"Second step · {hub.DisplayName}", body, status);
    }

    public sealed class CodeForm
    {
        public string? Code { get; set; }

        public string? ReturnUrl { get; set; }
    }
}
