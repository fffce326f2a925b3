using Microsoft.IdentityModel.Tokens;

namespace Federation.Clients.OAuth;

/// <summary>
/// An authorization server as its discovery document describes it: the issuer, the endpoints a client calls, and the
/// keys its tokens are signed with (read from its JWKS, which is on the issuer's own origin).
/// </summary>
public sealed record OAuthProvider(
    Uri Issuer,
    Uri AuthorizationEndpoint,
    Uri TokenEndpoint,
    Uri? RevocationEndpoint,
    Uri? EndSessionEndpoint,
    Uri JwksUri,
    IReadOnlyList<SecurityKey> SigningKeys)
{
    public OAuthEndpoints Endpoints => new(AuthorizationEndpoint, TokenEndpoint, RevocationEndpoint);
}
