using System.Security.Claims;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// /connect/token: OpenIddict has authenticated the client and validated the code, refresh token or subject token;
/// this decides what the new token says. Claims are always read afresh, so a disabled member gets nothing more.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, MemberStore members, ScopeRules scopes, GuestTokens guests, HubTelemetry telemetry,
        IOptions<HubOptions> hub, IOptions<IdentityOptions> identityOptions, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict request is missing.");
        var result = await DecideAsync(http, request, members, scopes, guests, hub, identityOptions, cancellationToken);
        if (result is SignInHttpResult)
        {
            telemetry.TokenIssued(request.GrantType);
        }

        return result;
    }

    private static async Task<IResult> DecideAsync(
        HttpContext http, OpenIddictRequest request, MemberStore members, ScopeRules scopes, GuestTokens guests,
        IOptions<HubOptions> hub, IOptions<IdentityOptions> identityOptions, CancellationToken cancellationToken)
    {
        var hubId = hub.Value.Id;

        if (request.IsTokenExchangeGrantType())
        {
            return await guests.ExchangeAsync(http, request, cancellationToken);
        }

        if (request.IsClientCredentialsGrantType())
        {
            if (scopes.FindUnknown(request.GetScopes(), hubId) is { } unknown)
            {
                return OAuthRefusal.Of(Errors.InvalidScope, $"The scope '{unknown}' is not offered by this hub.");
            }

            var clientId = request.ClientId!;
            if (!identityOptions.Value.Clients.TryGetValue(clientId, out var client))
            {
                return OAuthRefusal.Of(Errors.InvalidClient, "The client is not registered at this hub.");
            }

            var service = MemberPrincipal.ForService(clientId, client, hubId);
            service.SetScopes(request.GetScopes());
            service.SetResources(ScopeRules.AudiencesFor(request.GetScopes(), hubId));
            return SignIn(service);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var member = Guid.TryParse(granted?.GetClaim(Claims.Subject), out var id) ? await members.FindByIdAsync(id, cancellationToken) : null;
            if (granted is null || member is not { IsActive: true })
            {
                return OAuthRefusal.Of(Errors.InvalidGrant, "The account no longer exists or is disabled.");
            }

            var identity = MemberPrincipal.ForMember(member, hubId);
            identity.SetScopes(granted.GetScopes());
            identity.SetResources(granted.GetResources());
            return SignIn(identity);
        }

        return OAuthRefusal.Of(Errors.UnsupportedGrantType, "This grant type is not supported here.");
    }

    private static IResult SignIn(ClaimsIdentity identity) =>
        Results.SignIn(new ClaimsPrincipal(identity.WithDestinations()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
