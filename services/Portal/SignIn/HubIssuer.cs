using Federation.Clients.OAuth;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Portal.SignIn;

/// <summary>A hub's OpenID provider as the portal uses it: the hub as the trust list names it, and its provider as discovery describes it.</summary>
public sealed record HubIssuer(string HubId, string DisplayName, Uri ApiBaseUrl, OAuthProvider Provider)
{
    public Uri Issuer => Provider.Issuer;

    public Uri AuthorizationEndpoint => Provider.AuthorizationEndpoint;

    public Uri TokenEndpoint => Provider.TokenEndpoint;

    public Uri? EndSessionEndpoint => Provider.EndSessionEndpoint;

    public IReadOnlyList<SecurityKey> SigningKeys => Provider.SigningKeys;
}
