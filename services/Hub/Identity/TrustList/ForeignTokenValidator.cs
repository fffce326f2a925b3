using System.Security.Claims;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Server;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Federation.Hub.Identity.TrustList;

/// <summary>
/// Checks an access token of another hub presented for exchange here: its issuer is on the trust list (and is not
/// this hub), its signature verifies with that issuer's published keys (RS256 only, so neither <c>alg: none</c> nor
/// a public key used as an HMAC secret passes), it is an access token (<c>typ: at+jwt</c>), meant for this hub and for
/// nothing else (a token with several audiences could be replayed at the others), current, and not exchanged here
/// before. Only an allow-list of claims survives, and the home hub is taken from the trust list, not the token.
/// </summary>
public sealed class ForeignTokenValidator(FederationTrustList trustList, IssuerKeys keys, SpentSubjectTokens spent, IOptions<HubOptions> hub)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<ForeignTokenResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!Handler.CanReadToken(token))
        {
            return ForeignTokenResult.Refused("The subject token is not a JWT.");
        }

        JsonWebToken unverified;
        try
        {
            unverified = Handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // Three parts, but no JSON in them (the library's message names its own codes, not the caller's fault).
            return ForeignTokenResult.Refused("The subject token is not a readable JWT.");
        }

        if (!Uri.TryCreate(unverified.Issuer, UriKind.Absolute, out var issuer))
        {
            return ForeignTokenResult.Refused("The subject token names no issuer.");
        }

        var self = hub.Value;
        if (FederationTrustList.SameIssuer(issuer, self.PublicUrl!))
        {
            return ForeignTokenResult.Refused("The subject token was issued by this hub; only tokens of other hubs are exchanged here.");
        }

        if (await trustList.FindByIssuerReadingAgainAsync(issuer, cancellationToken) is not { } trusted)
        {
            return ForeignTokenResult.Refused($"The issuer {issuer} is not on the federation trust list.");
        }

        var signingKeys = await keys.GetAsync(trusted, unverified.Kid, cancellationToken);
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = [trusted.Issuer.AbsoluteUri, trusted.Issuer.AbsoluteUri.TrimEnd('/')],
            ValidAudience = HubClaims.AudienceOf(self.Id),
            IssuerSigningKeys = signingKeys,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        var result = await Handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return ForeignTokenResult.Refused($"The subject token of {trusted.HubId} is not valid: {Reason(result.Exception)}.");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.Audiences.Count() != 1)
        {
            return ForeignTokenResult.Refused($"The subject token of {trusted.HubId} is meant for several audiences; a token for another hub must name that hub alone.");
        }

        var claims = result.ClaimsIdentity;
        var homeSubject = claims.FindFirst(Claims.Subject)?.Value;
        if (string.IsNullOrEmpty(homeSubject) || homeSubject.Length > 200)
        {
            return ForeignTokenResult.Refused("The subject token names no subject.");
        }

        // A token whose own home_hub disagrees with its issuer's place on the trust list is forged or misissued.
        if (claims.FindFirst(HubClaims.HomeHub)?.Value is { } claimedHome && claimedHome != trusted.HubId)
        {
            return ForeignTokenResult.Refused($"The subject token claims home hub '{claimedHome}' but was issued by {trusted.HubId}.");
        }

        if (jwt.Id is not { Length: > 0 and <= 200 } tokenId)
        {
            return ForeignTokenResult.Refused("The subject token has no token id (jti), so it could be exchanged more than once.");
        }

        // Spent last, once everything else holds: a token refused for another reason can still be used by its owner.
        if (!await spent.TrySpendAsync(trusted.Issuer, tokenId, jwt.ValidTo, cancellationToken))
        {
            return ForeignTokenResult.Refused($"The subject token of {trusted.HubId} was exchanged here before; each is good for one exchange.");
        }

        return ForeignTokenResult.Accepted(new ForeignPerson(
            trusted.HubId,
            homeSubject,
            Bounded(claims.FindFirst(Claims.Name)?.Value) ?? homeSubject,
            Bounded(claims.FindFirst(HubClaims.OrganisationId)?.Value),
            Bounded(claims.FindFirst(HubClaims.OrganisationName)?.Value),
            Bounded(claims.FindFirst(HubClaims.OrganisationType)?.Value),
            [.. claims.FindAll(Claims.Role).Select(claim => claim.Value).Take(20)],
            jwt.ValidTo));
    }

    private static string? Bounded(string? value) => value is { Length: > 0 and <= 300 } ? value : null;

    /// <summary>Why a token failed, in words: the refusal goes back to the client and into the audit, the library's exception names do not.</summary>
    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNotYetValidException => "it is not valid yet",
        SecurityTokenNoExpirationException => "it has no expiry",
        SecurityTokenInvalidAudienceException => "it is meant for another audience",
        SecurityTokenInvalidIssuerException => "another issuer made it",
        SecurityTokenInvalidTypeException => "it is not an access token",
        SecurityTokenInvalidAlgorithmException => "it is not signed with RS256",
        SecurityTokenSignatureKeyNotFoundException => "no key of its issuer signed it",
        SecurityTokenInvalidSignatureException => "its signature does not verify",
        _ => "it does not pass the checks",
    };
}
