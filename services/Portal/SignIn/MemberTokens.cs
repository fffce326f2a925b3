using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Federation.Portal.SignIn;

/// <summary>
/// The member's home access token, refreshed at the home hub shortly before it expires (the refresh token is
/// renewed with it and the session cookie rewritten). A refresh the hub refuses ends nothing here: the next call
/// simply has no token, and the page asks the member to sign in again.
/// </summary>
public sealed partial class MemberTokens(HubIssuers hubs, IHttpClientFactory httpClients, IOptions<SignInOptions> options, TimeProvider clock, ILogger<MemberTokens> logger)
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

    private async Task<string?> RefreshAsync(HttpContext http, System.Security.Claims.ClaimsPrincipal member, AuthenticationProperties properties, CancellationToken cancellationToken)
    {
        if (properties.GetTokenValue("refresh_token") is not { } refreshToken || member.HomeHub() is not { } home
            || await hubs.FindAsync(home, cancellationToken) is not { } issuer)
        {
            return null;
        }

        using var answer = await httpClients.CreateClient(HubIssuers.HttpClientName).PostAsync(issuer.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = options.Value.ClientId,
            ["refresh_token"] = refreshToken,
        }), cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            LogRefreshRefused(logger, home, (int)answer.StatusCode);
            return null;
        }

        var tokens = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        properties.UpdateTokenValue("access_token", accessToken);
        if (tokens.TryGetProperty("refresh_token", out var renewed) && renewed.GetString() is { } next)
        {
            properties.UpdateTokenValue("refresh_token", next);
        }

        properties.UpdateTokenValue("expires_at", clock.GetUtcNow().AddSeconds(tokens.TryGetProperty("expires_in", out var lifetime) ? lifetime.GetInt32() : 300).ToString("O"));
        if (!http.Response.HasStarted)
        {
            await http.SignInAsync(MemberSession.Scheme, member, properties);
        }

        return accessToken;
    }

    [LoggerMessage(LogLevel.Information, "{HubId} refused to refresh a member's token ({StatusCode}); they must sign in again")]
    private static partial void LogRefreshRefused(ILogger logger, string hubId, int statusCode);
}
