using Microsoft.IdentityModel.Tokens;

namespace Federation.Portal.SignIn;

/// <summary>A hub's OpenID provider as the portal uses it: its endpoints from discovery, and the keys its tokens are signed with.</summary>
public sealed record HubIssuer(
    string HubId,
    string DisplayName,
    Uri Issuer,
    Uri ApiBaseUrl,
    Uri AuthorizationEndpoint,
    Uri TokenEndpoint,
    Uri? EndSessionEndpoint,
    IReadOnlyList<SecurityKey> SigningKeys);
