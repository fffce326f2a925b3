using System.Security.Claims;
using System.Text.Encodings.Web;
using Federation.Hub.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// The hub's own sign-in page for local accounts: a plain form (no script), protected against cross-site posts,
/// that returns the member to the authorization request they came from.
/// </summary>
public static class SignInPage
{
    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Sign-in").ExcludeFromDescription();
        account.MapGet("/sign-in", (HttpContext http, IAntiforgery antiforgery, IOptions<HubOptions> hub, [FromQuery] string? returnUrl) =>
            Page(http, antiforgery, hub.Value, returnUrl, username: null, error: null));
        account.MapPost("/sign-in", SignInAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, [FromForm] SignInForm form, MemberStore members, IAntiforgery antiforgery, IOptions<HubOptions> hub, CancellationToken cancellationToken)
    {
        var member = string.IsNullOrWhiteSpace(form.Username) || string.IsNullOrEmpty(form.Password) || form.Username.Length > 200 || form.Password.Length > 1000
            ? null
            : await members.VerifyPasswordAsync(form.Username, form.Password, cancellationToken);
        if (member is null)
        {
            return Page(http, antiforgery, hub.Value, form.ReturnUrl, form.Username, "Unknown username or wrong password.", StatusCodes.Status401Unauthorized);
        }

        var session = new ClaimsIdentity(MemberSession.Scheme, Claims.Name, Claims.Role);
        session.AddClaim(new Claim(Claims.Subject, member.Id.ToString()));
        session.AddClaim(new Claim(Claims.Name, member.DisplayName));
        await http.SignInAsync(MemberSession.Scheme, new ClaimsPrincipal(session));
        return Results.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    // Only a path on this hub: an absolute or protocol-relative URL here would make the form an open redirect.
    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, HubOptions hub, string? returnUrl, string? username, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var body = $"""
            <h1>Sign in at {html.Encode(hub.DisplayName)}</h1>
            <p>Your home hub. Other hubs of the federation will recognise you by this sign-in.</p>
            {message}
            <form method="post" action="/account/sign-in">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken!)}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
              <label for="username">Username</label>
              <input id="username" name="username" autocomplete="username" required value="{html.Encode(username ?? "")}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
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
