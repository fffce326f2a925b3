using System.Security.Claims;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.TrustList;
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
        HttpContext http, MemberStore members, GuestTokens guests, OnwardTokens onward, HubTelemetry telemetry,
        IOptions<HubOptions> hub, IOptions<IdentityOptions> identityOptions, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict request is missing.");
        var result = await DecideAsync(http, request, members, guests, onward, hub, identityOptions, cancellationToken);
        if (result is SignInHttpResult)
        {
            telemetry.TokenIssued(request.GrantType);
        }

        return result;
    }

    private static async Task<IResult> DecideAsync(
        HttpContext http, OpenIddictRequest request, MemberStore members, GuestTokens guests, OnwardTokens onward,
        IOptions<HubOptions> hub, IOptions<IdentityOptions> identityOptions, CancellationToken cancellationToken)
    {
        var hubId = hub.Value.Id;

        if (request.IsTokenExchangeGrantType())
        {
            // Another hub's token for this hub becomes a guest token; this hub's own member token becomes a token for one other hub.
            var subject = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            return subject?.GetClaim(ForeignSubjectTokenHandler.ForeignMarkerClaim) is not null
                ? await guests.ExchangeAsync(subject, request, cancellationToken)
                : subject is not null
                    ? await onward.IssueAsync(subject, request, cancellationToken)
                    : OAuthRefusal.Of(Errors.InvalidGrant, "The subject token is not valid here.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            if (ScopeRules.Refusal(request.GetScopes(), hubId) is { } refusal)
            {
                return OAuthRefusal.Of(Errors.InvalidScope, refusal);
            }

            var clientId = request.ClientId!;
            if (!identityOptions.Value.Clients.TryGetValue(clientId, out var client))
            {
                return OAuthRefusal.Of(Errors.InvalidClient, "The client is not registered at this hub.");
            }

            var service = MemberPrincipal.ForService(clientId, client, hubId);
            service.SetScopes(request.GetScopes());
            service.SetResources(HubClaims.AudienceOf(hubId));
            return SignIn(service);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var member = Guid.TryParse(granted?.GetClaim(Claims.Subject), out var id) ? await members.FindByIdAsync(id, cancellationToken) : null;
            if (granted is null || member is not { IsActive: true })
            {
                return OAuthRefusal.Of(Errors.InvalidGrant, "The account no longer exists or is suspended.");
            }

            if (granted.GetClaim(HubClaims.SecurityStamp) != member.SecurityStamp)
            {
                return OAuthRefusal.Of(Errors.InvalidGrant, "The account changed since this sign-in (password, roles or standing): sign in again.");
            }

            var identity = MemberPrincipal.ForMember(member, hubId);
            identity.SetScopes(granted.GetScopes());
            // This hub only, whatever an older refresh token may name: a token for another hub is asked for by exchange.
            identity.SetResources(HubClaims.AudienceOf(hubId));
            return SignIn(identity);
        }

        return OAuthRefusal.Of(Errors.UnsupportedGrantType, "This grant type is not supported here.");
    }

    private static IResult SignIn(ClaimsIdentity identity) =>
        Results.SignIn(new ClaimsPrincipal(identity.WithDestinations()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
