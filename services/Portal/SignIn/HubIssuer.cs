using Federation.Clients.OAuth;

namespace Federation.Portal.SignIn;

/// <summary>A hub's OpenID provider as the portal uses it: the hub as the trust list names it, and its provider as discovery describes it.</summary>
public sealed record HubIssuer(string HubId, string DisplayName, Uri ApiBaseUrl, OAuthProvider Provider)
{
    public Uri AuthorizationEndpoint => Provider.AuthorizationEndpoint;
}
