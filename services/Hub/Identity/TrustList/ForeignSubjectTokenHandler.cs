using System.Security.Claims;
using Federation.Hub.Audit;
using Federation.Hub.Identity.Server;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// Lets the token exchange take an access token of another hub (subject token type <c>…:token-type:jwt</c>). It runs
/// before OpenIddict's own token validation, which knows only this hub's keys and would refuse every such token;
/// what it accepts is rebuilt from <see cref="ForeignTokenValidator"/>'s allow-list, so no claim of the foreign token
/// (in particular no <c>oi_*</c> claim OpenIddict reads internally) reaches the token endpoint unchecked.
/// </summary>
public sealed class ForeignSubjectTokenHandler(ForeignTokenValidator validator, AuditLog audit) : IOpenIddictServerHandler<ValidateTokenContext>
{
    /// <summary>Marks a principal as a foreign person admitted by this handler; the token endpoint exchanges only those.</summary>
    public const string ForeignMarkerClaim = "foreign_subject";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ForeignSubjectTokenHandler>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is not null || !context.ValidTokenTypes.Contains(TokenTypeIdentifiers.GenericJsonWebToken))
        {
            return;
        }

        var verdict = await validator.ValidateAsync(context.Token ?? "", context.CancellationToken);
        if (verdict.Person is not { } person)
        {
            // The token itself is never recorded: only who asked (the client) and why it was refused.
            await audit.AppendAsync(new AuditEntry("token.exchange", "refused", AuditActor.Anonymous, Status: StatusCodes.Status400BadRequest,
                Target: context.Request?.ClientId, Details: new Dictionary<string, string?> { ["reason"] = verdict.Refusal }), context.CancellationToken);
            context.Reject(Errors.InvalidGrant, verdict.Refusal);
            return;
        }

        var identity = new ClaimsIdentity("foreign-hub-token", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, $"{person.HomeHub}:{person.HomeSubject}")
            .SetClaim(ForeignMarkerClaim, "true")
            .SetClaim(Claims.Name, person.Name)
            .SetClaim(HubClaims.HomeHub, person.HomeHub)
            .SetClaim(HubClaims.HomeSubject, person.HomeSubject)
            .SetClaim(HubClaims.OrganisationId, person.OrganisationId)
            .SetClaim(HubClaims.OrganisationName, person.OrganisationName)
            .SetClaim(HubClaims.OrganisationType, person.OrganisationType)
            .SetClaims(HubClaims.HomeRoles, [.. person.HomeRoles]);
        var principal = new ClaimsPrincipal(identity)
            .SetTokenType(TokenTypeIdentifiers.GenericJsonWebToken)
            .SetExpirationDate(new DateTimeOffset(person.ExpiresAt, TimeSpan.Zero))
            // The home hub made the token for this hub, not for a client here: any of our clients may present it.
            .SetPresenters(context.ValidPresenters);
        context.Principal = principal;
    }
}
