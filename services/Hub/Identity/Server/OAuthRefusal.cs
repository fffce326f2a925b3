using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Federation.Hub.Identity.Server;

/// <summary>An OAuth error answer (RFC 6749 §5.2) from a passthrough endpoint, written by OpenIddict.</summary>
internal static class OAuthRefusal
{
    public static IResult Of(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
