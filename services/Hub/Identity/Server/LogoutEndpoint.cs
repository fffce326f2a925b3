using Federation.Hub.Identity.Accounts;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Federation.Hub.Identity.Server;

/// <summary>/connect/logout: ends the member's session at this hub and returns to the client's registered address.</summary>
internal static class LogoutEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http)
    {
        await http.SignOutAsync(MemberSession.Scheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
