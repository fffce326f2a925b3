using System.Text.Encodings.Web;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Upstream;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// The hub's own sign-in page for local accounts: a plain form (no script), protected against cross-site posts, that
/// returns the member to the authorization request they came from. Passwords, lockout and second factors are
/// ASP.NET Core Identity's; staff always need a second factor, and enrol one at their first sign-in.
/// </summary>
public static class SignInPage
{
    private const string Refusal = "Unknown username or wrong password.";

    // Compared against when the username is unknown, so that a wrong username costs as much time as a wrong password.
    private static readonly PasswordHasher<HubAccount> DecoyHasher = new();
    private static readonly string DecoyHash = DecoyHasher.HashPassword(new HubAccount(), Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Sign-in").ExcludeFromDescription();
        account.MapGet("/sign-in", (HttpContext http, IAntiforgery antiforgery, IOptions<HubOptions> hub, [FromQuery] string? returnUrl, [FromQuery] string? upstream, [FromQuery] string? again) =>
            Page(http, antiforgery, hub.Value, returnUrl, username: null, error: upstream switch
            {
                "denied" => "You did not allow the sign-in at your institution; nothing happened.",
                "failed" => "The sign-in at your institution did not complete. Try again.",
                "expired" => "That took too long: sign in with your institution again.",
                _ when again is not null => "To change how you sign in, sign in once more first.",
                _ => null,
            }));
        account.MapPost("/sign-in", SignInAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, [FromForm] SignInForm form, UserManager<HubAccount> users, HubSignInManager signIn, IAntiforgery antiforgery, IOptions<HubOptions> hub)
    {
        IResult Refused(string message, int status = StatusCodes.Status401Unauthorized) =>
            Page(http, antiforgery, hub.Value, form.ReturnUrl, form.Username, message, status);

        if (string.IsNullOrWhiteSpace(form.Username) || string.IsNullOrEmpty(form.Password) || form.Username.Length > 200 || form.Password.Length > 1000)
        {
            return Refused(Refusal);
        }

        var account = await users.FindByNameAsync(form.Username.Trim());
        if (account is null)
        {
            DecoyHasher.VerifyHashedPassword(new HubAccount(), DecoyHash, form.Password);
            return Refused(Refusal);
        }

        // A suspended account is refused before Identity would hash anything: the decoy makes the refusal take as long as
        // a wrong password's, so that timing does not tell a stranger who is suspended here.
        if (!await signIn.CanSignInAsync(account))
        {
            DecoyHasher.VerifyHashedPassword(account, DecoyHash, form.Password);
            return Refused(Refusal);
        }

        // Staff without a second factor yet: the password is checked (and counts towards lockout) but signs nobody in;
        // the person goes on to enrol one.
        if (!account.TwoFactorEnabled && await users.IsInRoleAsync(account, HubRoles.Staff))
        {
            var checkedPassword = await signIn.CheckPasswordSignInAsync(account, form.Password, lockoutOnFailure: true);
            if (!checkedPassword.Succeeded)
            {
                return checkedPassword.IsLockedOut ? Refused(LockedOut, StatusCodes.Status423Locked) : Refused(Refusal);
            }

            await SignInSteps.RememberPasswordCheckedAsync(http, account);
            return Results.LocalRedirect(SignInSteps.Next(SignInSteps.EnrolmentPath, form.ReturnUrl));
        }

        var result = await signIn.PasswordSignInAsync(account, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return Results.LocalRedirect(SignInSteps.Next(SignInSteps.SecondFactorPath, form.ReturnUrl));
        }

        // Not allowed (a suspended account) reads like a wrong password: the page must not tell a stranger who has
        // an account here, nor in what standing.
        return result.Succeeded
            ? Results.LocalRedirect(SignInSteps.ReturnUrlOrHome(form.ReturnUrl))
            : result.IsLockedOut ? Refused(LockedOut, StatusCodes.Status423Locked) : Refused(Refusal);
    }

    internal const string LockedOut = "Too many failed attempts: this account is locked for a while. Try again later.";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, HubOptions hub, string? returnUrl, string? username, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var institutions = InstitutionSignInPage.Buttons(http.RequestServices.GetRequiredService<IOptions<UpstreamOptions>>().Value, returnUrl);
        var body = $"""
            <h1>Sign in at {html.Encode(hub.DisplayName)}</h1>
            <p>Your home hub. Other hubs of the federation will recognise you by this sign-in.</p>
            {message}
            {institutions}
            <form method="post" action="/account/sign-in">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
              <label for="username">Username</label>
              <input id="username" name="username" autocomplete="username" required value="{html.Encode(username ?? "")}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            <p><a href="/account/forgot-password">Forgot your password?</a> · <a href="/account/join">Not a member yet? Ask to join</a></p>
            """;
        return AccountPage.Render(http, $"Sign in · {hub.DisplayName}", body, status);
    }

    /// <summary>The form's fields; each may be missing (a sign-in without a return address is fine).</summary>
    public sealed class SignInForm
    {
        public string? Username { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }
}
