using Federation.Clients.OAuth;

namespace Federation.Portal.SignIn;

/// <summary>
/// A hub's (or a compute facility's) OpenID provider as the portal uses it: the member as the trust list names it, and
/// its provider as discovery describes it.
/// </summary>
public sealed record HubIssuer(string HubId, string DisplayName, Uri ApiBaseUrl, OAuthProvider Provider, bool IsFacility = false)
{
    public Uri AuthorizationEndpoint => Provider.AuthorizationEndpoint;
}
