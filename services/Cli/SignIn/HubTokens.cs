using Federation.Cli.Connection;
using Federation.Clients.OAuth;

namespace Federation.Cli.SignIn;

/// <summary>
/// The command line's public client (<c>federation-cli</c>) at a hub, through the shared OAuth client: redeem the code
/// of a sign-in, refresh a kept session shortly before its access token expires, and revoke it at sign-out.
/// </summary>
public static class HubTokens
{
    public const string ClientId = "federation-cli";

    /// <summary>The loopback address every hub registers for the command line (RFC 8252, section 7.3).</summary>
    public static readonly Uri RedirectUri = new("http://127.0.0.1:7890/callback");

    public static readonly IReadOnlyList<string> Scopes = ["openid", "profile", "roles", "offline_access"];

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    /// <summary>The person's client at the hub <paramref name="hub"/> talks to (its base address).</summary>
    public static OAuthClient PersonClient(HttpClient hub) => new(hub, OAuthEndpoints.OfHub(hub.BaseAddress!), ClientId);

    public static async Task<PersonSession> RedeemAsync(HttpClient hub, string code, AuthorizationRequest request, CancellationToken cancellationToken)
    {
        var answer = await PersonClient(hub).RedeemCodeAsync(code, request, RedirectUri, cancellationToken);
        return answer.Succeeded
            ? SessionOf(hub, answer.Tokens, null)
            : throw new SignInFailedException($"The hub refused the sign-in ({answer.Refusal.Status}).");
    }

    /// <summary>The session's access token, refreshed (and the session saved again) when it is about to expire.</summary>
    public static async Task<string> AccessTokenAsync(HttpClient hub, PersonSession session, CancellationToken cancellationToken)
    {
        if (session.ExpiresAt - RefreshMargin > DateTimeOffset.UtcNow)
        {
            return session.AccessToken;
        }

        if (session.RefreshToken is null)
        {
            throw new SignInFailedException($"Your sign-in at {session.Hub} has expired: run 'federation sign-in' again.");
        }

        var answer = await PersonClient(hub).RefreshAsync(session.RefreshToken, cancellationToken: cancellationToken);
        if (!answer.Succeeded)
        {
            throw new SignInFailedException($"The hub no longer accepts your sign-in ({answer.Refusal.Status}): run 'federation sign-in' again.");
        }

        var renewed = SessionOf(hub, answer.Tokens, session);
        renewed.Save();
        return renewed.AccessToken;
    }

    private static PersonSession SessionOf(HttpClient hub, TokenResponse tokens, PersonSession? previous) =>
        new(hub.BaseAddress!.AbsoluteUri, tokens.AccessToken, tokens.RefreshToken ?? previous?.RefreshToken,
            DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn > 0 ? tokens.ExpiresIn : 300),
            // The name the hub put in its (signed, not encrypted) access token, to tell the person who they are signed in as.
            IdentityTokens.UnverifiedClaim(tokens.AccessToken, "name") ?? "");
}
