using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Federation.Cli.Connection;

namespace Federation.Cli.SignIn;

/// <summary>
/// The token endpoint as the command line's public client (<c>federation-cli</c>) uses it for a person: redeem the
/// code of a sign-in, and refresh a kept session shortly before its access token expires.
/// </summary>
public static class HubTokens
{
    public const string ClientId = "federation-cli";

    /// <summary>The loopback address every hub registers for the command line (RFC 8252, section 7.3).</summary>
    public static readonly Uri RedirectUri = new("http://127.0.0.1:7890/callback");

    public const string Scopes = "openid profile roles offline_access";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    public static Task<PersonSession> RedeemAsync(HttpClient hub, string code, string verifier, CancellationToken cancellationToken) =>
        RequestAsync(hub, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.AbsoluteUri,
            ["code_verifier"] = verifier,
        }, null, cancellationToken);

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

        var renewed = await RequestAsync(hub, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ClientId,
            ["refresh_token"] = session.RefreshToken,
        }, session, cancellationToken);
        renewed.Save();
        return renewed.AccessToken;
    }

    private static async Task<PersonSession> RequestAsync(HttpClient hub, Dictionary<string, string> form, PersonSession? previous, CancellationToken cancellationToken)
    {
        using var answer = await hub.PostAsync("connect/token", new FormUrlEncodedContent(form), cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            throw new SignInFailedException(previous is null
                ? $"The hub refused the sign-in ({(int)answer.StatusCode})."
                : $"The hub no longer accepts your sign-in ({(int)answer.StatusCode}): run 'federation sign-in' again.");
        }

        var tokens = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var lifetime = tokens.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300;
        var refreshToken = tokens.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : previous?.RefreshToken;
        return new PersonSession(hub.BaseAddress!.AbsoluteUri, accessToken, refreshToken, DateTimeOffset.UtcNow.AddSeconds(lifetime), NameIn(accessToken));
    }

    /// <summary>The name the hub put in its (signed, not encrypted) access token, to tell the person who they are signed in as.</summary>
    private static string NameIn(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            return "";
        }

        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return claims.RootElement.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
    }
}
