using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Clients.OAuth;

/// <summary>
/// Checks the identity token of a sign-in: signed by the provider's keys (RS256), issued by it, meant for this client,
/// current, and answering this very request (its nonce). Null when any of that fails.
/// </summary>
public static class IdentityTokens
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public static async Task<JsonWebToken?> ValidateAsync(string? idToken, OAuthProvider provider, string clientId, AuthorizationRequest request)
    {
        if (idToken is null)
        {
            return null;
        }

        var result = await Handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuers = [provider.Issuer.AbsoluteUri, provider.Issuer.AbsoluteUri.TrimEnd('/')],
            ValidAudience = clientId,
            IssuerSigningKeys = provider.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        return result.IsValid && result.SecurityToken is JsonWebToken token
            && token.TryGetPayloadValue<string>("nonce", out var nonce) && nonce == request.Nonce ? token : null;
    }

    /// <summary>
    /// The id of the key a (signed) token names in its header, read without checking anything: only to know which keys
    /// to fetch before the token is checked with them.
    /// </summary>
    public static string? UnverifiedKeyId(string? token)
    {
        try
        {
            return token is not null && Handler.CanReadToken(token) && Handler.ReadJsonWebToken(token).Kid is { Length: > 0 } kid ? kid : null;
        }
        catch (ArgumentException)
        {
            // Shaped like a token, but its header is no JSON: it names no key, and its check refuses it.
            return null;
        }
    }

    /// <summary>A claim of a (signed, not encrypted) token read without checking it: only for showing, never for deciding.</summary>
    public static string? UnverifiedClaim(string token, string name) =>
        Handler.CanReadToken(token) && Handler.ReadJsonWebToken(token).TryGetPayloadValue<string>(name, out var value) ? value : null;
}
