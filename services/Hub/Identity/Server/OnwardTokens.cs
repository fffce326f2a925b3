using System.Security.Claims;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Accounts;
using Federation.Hub.Identity.TrustList;
using Federation.Hub.People;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.Server;

/// <summary>
/// The home hub's half of a call at another hub (RFC 8693 with <c>audience=hub:{id}</c>): a member's own access token
/// of this hub is turned into a short token whose only audience is the one other hub named. That hub exchanges it for a
/// guest token of its own; no other hub, nor this hub's API, accepts it, so the hub it was sent to cannot replay it.
/// </summary>
/// <remarks>
/// Only a member's home token qualifies: not a token meant for another hub (no onward token from an onward token),
/// not a guest's token (a guest here is someone else's member), not a service's. The member is read afresh, so a
/// disabled account gets nothing. Each issue is audited here, where the member's data lives.
/// </remarks>
public sealed class OnwardTokens(
    MemberStore members, FederationTrustList trustList, RevokedPeople revoked, AuditLog audit, IOptions<HubOptions> hub, IOptions<IdentityOptions> options)
{
    public async Task<IResult> IssueAsync(ClaimsPrincipal subject, OpenIddictRequest request, CancellationToken cancellationToken)
    {
        var self = hub.Value.Id;
        // An access token only: never an identity or refresh token presented as the subject.
        var member = subject.GetTokenType() == TokenTypeIdentifiers.AccessToken && subject.HasAudience(HubClaims.AudienceOf(self)) && subject.GetClaim(HubClaims.HomeHub) == self
                     && Guid.TryParse(subject.GetClaim(Claims.Subject), out var id)
            ? await members.FindByIdAsync(id, cancellationToken)
            : null;
        if (!revoked.Loaded)
        {
            return OAuthRefusal.Of(Errors.TemporarilyUnavailable, "The hub has not yet read whose tokens it refuses; try again shortly.");
        }

        // A token issued before the member's password or roles changed is no way to another hub either.
        if (member is not { IsActive: true } || revoked.IsCutOff(self, member.Id.ToString(), subject))
        {
            return OAuthRefusal.Of(Errors.InvalidGrant,
                "Only an access token of a member of this hub, meant for this hub, can be exchanged here for a token to another hub.");
        }

        string[] audiences = [.. (request.Audiences ?? []).OfType<string>()];
        var target = audiences.Length == 1 && HubClaims.TryReadAudience(audiences[0], out var hubId) ? hubId : null;
        var actor = new AuditActor("member", member.Id.ToString(), self, member.DisplayName);
        if (target is null || target == self || trustList.FindByHubId(target) is null)
        {
            var named = string.Join(' ', audiences);
            await audit.AppendAsync(new AuditEntry("token.onward", "refused", actor, Status: StatusCodes.Status400BadRequest, Target: request.ClientId,
                Details: new Dictionary<string, string?> { ["audience"] = named[..Math.Min(named.Length, 200)] }), cancellationToken);
            return OAuthRefusal.Of(Errors.InvalidTarget,
                "Name exactly one other hub of the federation as the audience (audience=hub:{id}); a token is meant for one hub at a time.");
        }

        var identity = MemberPrincipal.ForMember(member, self);
        identity.SetResources(HubClaims.AudienceOf(target));
        // No scopes, so no refresh token and no identity token: the client asks again when it needs another.
        identity.SetScopes([]);
        identity.SetAccessTokenLifetime(options.Value.OnwardTokenLifetime);
        // The target's guest policy reads the person's name, organisation and home roles; the e-mail address and the
        // security stamp (a secret of this hub's sign-in) stay here.
        identity.SetDestinations(claim => claim.Type is Claims.Email or HubClaims.SecurityStamp ? [] : [Destinations.AccessToken]);
        await audit.AppendAsync(new AuditEntry("token.onward", "done", actor, Target: request.ClientId,
            Details: new Dictionary<string, string?> { ["audience"] = HubClaims.AudienceOf(target) }), cancellationToken);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
