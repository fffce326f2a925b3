using System.Security.Claims;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.TrustList;
using Federation.Hub.People;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// The token exchange's answer: a person of another hub, whose home token <see cref="ForeignSubjectTokenHandler"/>
/// accepted, gets a short guest token of this hub, with the roles this hub's <see cref="GuestPolicy"/> gives them.
/// From then on this hub's APIs see only its own token.
/// </summary>
public sealed class GuestTokens(GuestPolicy policy, RevokedPeople revoked, AuditLog audit, IOptions<HubOptions> hub, IOptions<IdentityOptions> options)
{
    /// <summary>A guest token for the person <paramref name="subject"/> names, admitted by <see cref="ForeignSubjectTokenHandler"/>.</summary>
    public async Task<IResult> ExchangeAsync(ClaimsPrincipal subject, OpenIddictRequest request, CancellationToken cancellationToken)
    {
        var homeHub = subject.GetClaim(HubClaims.HomeHub)!;
        var organisationType = subject.GetClaim(HubClaims.OrganisationType);
        var person = new AuditActor("guest", subject.GetClaim(HubClaims.HomeSubject), homeHub, subject.GetClaim(Claims.Name));
        if (!revoked.Loaded)
        {
            return OAuthRefusal.Of(Errors.TemporarilyUnavailable, "The hub has not yet read whose membership is suspended or has ended; try again shortly.");
        }

        // The home hub said this person is suspended or removed: an onward token it issued just before is no way in.
        if (revoked.IsRevoked(homeHub, subject.GetClaim(HubClaims.HomeSubject) ?? ""))
        {
            // Named by id only: their home hub may have asked this hub to forget their name.
            await audit.AppendAsync(new AuditEntry("token.exchange", "refused", person with { Name = null }, Status: StatusCodes.Status400BadRequest, Target: request.ClientId,
                Details: new Dictionary<string, string?> { ["reason"] = "membership suspended or ended at the home hub" }), cancellationToken);
            return OAuthRefusal.Of(Errors.InvalidGrant, "The person's membership of their home hub is suspended or has ended.");
        }

        if (policy.RolesFor(homeHub, organisationType) is not { } roles)
        {
            await audit.AppendAsync(new AuditEntry("token.exchange", "refused", person, Status: StatusCodes.Status403Forbidden, Target: request.ClientId,
                Details: new Dictionary<string, string?> { ["reason"] = "guest policy refuses this home hub" }), cancellationToken);
            return OAuthRefusal.Of(Errors.AccessDenied, $"This hub does not admit members of {homeHub} as guests.");
        }

        var identity = MemberPrincipal.NewIdentity();
        identity.SetClaim(Claims.Subject, subject.GetClaim(Claims.Subject))
            .SetClaim(Claims.Name, subject.GetClaim(Claims.Name))
            .SetClaim(HubClaims.HomeHub, homeHub)
            .SetClaim(HubClaims.HomeSubject, subject.GetClaim(HubClaims.HomeSubject))
            .SetClaim(HubClaims.OrganisationId, subject.GetClaim(HubClaims.OrganisationId))
            .SetClaim(HubClaims.OrganisationName, subject.GetClaim(HubClaims.OrganisationName))
            .SetClaim(HubClaims.OrganisationType, organisationType)
            .SetClaims(Claims.Role, [.. roles]);
        identity.SetResources(HubClaims.AudienceOf(hub.Value.Id));
        // No scopes, so no refresh token: a guest comes back with a fresh home token when this one runs out.
        identity.SetScopes([]);
        identity.SetAccessTokenLifetime(options.Value.GuestTokenLifetime);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        await audit.AppendAsync(new AuditEntry("token.exchange", "done", person, Target: request.ClientId,
            Details: new Dictionary<string, string?> { ["roles"] = string.Join(' ', roles), ["organisation"] = subject.GetClaim(HubClaims.OrganisationName) }), cancellationToken);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
