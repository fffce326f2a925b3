namespace Federation.Clients.OAuth;

/// <summary>Where a client sends people to sign in, asks for tokens, and hands tokens back.</summary>
public sealed record OAuthEndpoints(Uri Authorization, Uri Token, Uri? Revocation)
{
    /// <summary>
    /// The endpoints every hub serves under its own address (its OpenIddict server maps them there). For callers that
    /// only need the token endpoint of a hub they were pointed at and validate no token themselves, such as the
    /// command line and test programs; a caller that checks signatures reads <see cref="OAuthProvider"/> instead.
    /// </summary>
    public static OAuthEndpoints OfHub(Uri hub)
    {
        var root = new Uri(hub.AbsoluteUri.TrimEnd('/') + "/");
        return new(new Uri(root, "connect/authorize"), new Uri(root, "connect/token"), new Uri(root, "connect/revoke"));
    }
}
