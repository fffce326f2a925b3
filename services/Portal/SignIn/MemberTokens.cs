using System.Globalization;
using System.Security.Claims;
using Federation.Clients.OAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Federation.Portal.SignIn;

/// <summary>
/// The member's tokens: the home access token, refreshed at the home hub shortly before it expires (the refresh token
/// is renewed with it and the session cookie rewritten), and guest tokens at other hubs, each got through a token the home hub issues for that hub alone. A refresh
/// the hub refuses ends nothing here: the next call simply has no token, and the page asks the member to sign in again.
/// </summary>
public sealed partial class MemberTokens(HubIssuers hubs, IOptions<SignInOptions> options, TimeProvider clock, ILogger<MemberTokens> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public string ClientId => options.Value.ClientId;

    public async Task<string?> AccessTokenAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var session = await http.AuthenticateAsync(MemberSession.Scheme);
        if (!session.Succeeded || session.Properties is not { } properties || properties.GetTokenValue("access_token") is not { } token)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        if (expiresAt - Margin > clock.GetUtcNow())
        {
            return token;
        }

        return await RefreshAsync(http, session.Principal!, properties, cancellationToken);
    }

    /// <summary>
    /// A guest token of <paramref name="target"/> for the member of <paramref name="home"/> (two RFC 8693 exchanges: a
    /// token for the target alone from the home hub, then the target's own), or the refusal of the hub that refused.
    /// </summary>
    public Task<TokenAnswer> GuestTokenAsync(HubIssuer home, HubIssuer target, string homeToken, CancellationToken cancellationToken) =>
        GuestTokenExchange.GuestTokenAsync(hubs.ClientAt(home), hubs.ClientAt(target), target.HubId, homeToken, cancellationToken);

    /// <summary>
    /// Stores a hub's tokens in the session's properties, with the moment the access token expires; a refresh answer
    /// without a new refresh token keeps the one the session had.
    /// </summary>
    public void Keep(AuthenticationProperties properties, TokenResponse tokens)
    {
        var kept = properties.GetTokens().ToDictionary(token => token.Name, token => token.Value, StringComparer.Ordinal);
        kept["access_token"] = tokens.AccessToken;
        if (tokens.RefreshToken is { } refreshToken)
        {
            kept["refresh_token"] = refreshToken;
        }

        kept["expires_at"] = clock.GetUtcNow().AddSeconds(tokens.ExpiresIn > 0 ? tokens.ExpiresIn : 300).ToString("O", CultureInfo.InvariantCulture);
        properties.StoreTokens(kept.Select(token => new AuthenticationToken { Name = token.Key, Value = token.Value }));
    }

    private async Task<string?> RefreshAsync(HttpContext http, ClaimsPrincipal member, AuthenticationProperties properties, CancellationToken cancellationToken)
    {
        if (properties.GetTokenValue("refresh_token") is not { } refreshToken || member.HomeHub() is not { } home
            || await hubs.FindAsync(home, cancellationToken) is not { } issuer)
        {
            return null;
        }

        var answer = await hubs.ClientAt(issuer).RefreshAsync(refreshToken, cancellationToken: cancellationToken);
        if (!answer.Succeeded)
        {
            LogRefreshRefused(logger, home, answer.Refusal.Status);
            return null;
        }

        Keep(properties, answer.Tokens);
        if (!http.Response.HasStarted)
        {
            await http.SignInAsync(MemberSession.Scheme, member, properties);
        }

        return answer.Tokens.AccessToken;
    }

    [LoggerMessage(LogLevel.Information, "{HubId} refused to refresh a member's token ({StatusCode}); they must sign in again")]
    private static partial void LogRefreshRefused(ILogger logger, string hubId, int statusCode);
}
