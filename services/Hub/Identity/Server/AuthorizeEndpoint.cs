using System.Security.Claims;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// /connect/authorize: OpenIddict has checked the client, redirect URI and PKCE before this runs. A member not yet
/// signed in at this hub is sent to the sign-in page and back; a signed-in member gets a code for their own claims.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, MemberStore members, IOptions<HubOptions> hub, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict request is missing.");
        if (ScopeRules.Refusal(request.GetScopes(), hub.Value.Id) is { } refusal)
        {
            return OAuthRefusal.Of(Errors.InvalidScope, refusal);
        }

        var session = await http.AuthenticateAsync(MemberSession.Scheme);
        var member = session.Succeeded && Guid.TryParse(session.Principal.FindFirst(Claims.Subject)?.Value, out var id)
            ? await members.FindByIdAsync(id, cancellationToken)
            : null;
        if (member is not { IsActive: true } || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OAuthRefusal.Of(Errors.LoginRequired, "The member is not signed in at this hub.");
            }

            // Back to this very request after signing in; a POSTed request is turned into the equivalent GET.
            var parameters = request.GetParameters()
                .Where(parameter => parameter.Key != Parameters.Prompt)
                .Select(parameter => KeyValuePair.Create(parameter.Key, new StringValues((string?)parameter.Value)));
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [MemberSession.Scheme]);
        }

        var identity = MemberPrincipal.ForMember(member, hub.Value.Id);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(HubClaims.AudienceOf(hub.Value.Id));
        return Results.SignIn(new ClaimsPrincipal(identity.WithDestinations()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
