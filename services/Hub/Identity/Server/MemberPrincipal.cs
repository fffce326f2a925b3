using System.Security.Claims;
using Federation.Hub.Identity.Accounts;
using Federation.Contracts.Serialization;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>Builds the principal that this hub's tokens describe, and decides which claim goes into which token.</summary>
internal static class MemberPrincipal
{
    public static ClaimsIdentity ForMember(Member member, string hubId)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, member.Id.ToString())
            .SetClaim(Claims.Name, member.DisplayName)
            .SetClaim(Claims.Email, member.Email)
            .SetClaim(HubClaims.HomeHub, hubId)
            .SetClaim(HubClaims.OrganisationId, member.Organisation.Id)
            .SetClaim(HubClaims.OrganisationName, member.Organisation.Name)
            .SetClaim(HubClaims.OrganisationType, member.Organisation.Type.ToWireName())
            .SetClaims(Claims.Role, [.. member.Roles])
            .SetClaim(HubClaims.SecurityStamp, member.SecurityStamp)
            .SetClaim(HubClaims.IssuedAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return identity;
    }

    public static ClaimsIdentity ForService(string clientId, ClientRegistration client, string hubId)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, client.DisplayName.Length > 0 ? client.DisplayName : clientId)
            .SetClaim(HubClaims.HomeHub, hubId)
            .SetClaims(Claims.Role, [HubRoles.Service, .. client.Roles]);
        return identity;
    }

    public static ClaimsIdentity NewIdentity() =>
        new(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    /// <summary>
    /// Access tokens carry what APIs (and, for home tokens, other hubs' exchange) need; identity tokens carry the
    /// profile only for the scopes asked for. Nothing else leaves the hub.
    /// </summary>
    public static ClaimsIdentity WithDestinations(this ClaimsIdentity identity)
    {
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name or HubClaims.OrganisationName when identity.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email when identity.HasScope(Scopes.Email) => [Destinations.IdentityToken],
            Claims.Email => [],
            HubClaims.SecurityStamp => [],
            Claims.Role when identity.HasScope(Scopes.Roles) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }
}
