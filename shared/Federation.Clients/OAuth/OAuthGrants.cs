namespace Federation.Clients.OAuth;

/// <summary>The wire names of the grants and token types the federation's clients use.</summary>
public static class OAuthGrants
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";

    /// <summary>RFC 8693 §2.1.</summary>
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    /// <summary>The subject-token type under which the hubs accept another hub's access token (RFC 8693 §3).</summary>
    public const string JwtTokenType = "urn:ietf:params:oauth:token-type:jwt";

    /// <summary>The subject-token type of a server's own access token, exchanged there for a token meant for another hub (RFC 8693 §3).</summary>
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    /// <summary>The audience by which a token is meant for hub <paramref name="hubId"/>, and nowhere else.</summary>
    public static string HubAudience(string hubId) => $"hub:{hubId}";
}
