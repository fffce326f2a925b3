using Federation.Hub.Identity.Accounts;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// /connect/logout (OpenID Connect RP-initiated logout): ends the member's session at this hub and returns to the
/// client's registered address, but only when the request proves it comes from a client of this very member, by an
/// identity token of theirs (<c>id_token_hint</c>, checked by OpenIddict). Anything else (a link or form on another
/// site, or another person's token) goes to the hub's own sign-out page, which asks.
/// </summary>
internal static class LogoutEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http)
    {
        var hint = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var session = await http.AuthenticateAsync(MemberSession.Scheme);
        var sessionSubject = session.Succeeded ? session.Principal.GetClaim(Claims.Subject) : null;
        if (hint?.GetClaim(Claims.Subject) is not { } hinted || (sessionSubject is not null && hinted != sessionSubject))
        {
            return Results.Redirect(SignOutPage.Path);
        }

        await http.SignOutAsync(MemberSession.Scheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
