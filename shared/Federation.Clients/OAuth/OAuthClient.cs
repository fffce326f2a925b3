using System.Text.Json;

namespace Federation.Clients.OAuth;

/// <summary>
/// One OAuth client of one authorization server: redeems an authorization code (with its PKCE verifier), refreshes,
/// signs a service in with client credentials, exchanges another server's token here (RFC 8693) and revokes. Token
/// requests are never retried: a code or refresh token is good for one use, so a retry after a lost answer would
/// only be refused. The <see cref="HttpClient"/> belongs to the caller, who decides its handler and timeout.
/// </summary>
public sealed class OAuthClient(HttpClient http, OAuthEndpoints endpoints, string clientId, string? clientSecret = null)
{
    public string ClientId => clientId;

    public OAuthEndpoints Endpoints => endpoints;

    public Task<TokenAnswer> RedeemCodeAsync(string code, AuthorizationRequest request, Uri redirectUri, CancellationToken cancellationToken = default) =>
        RequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = OAuthGrants.AuthorizationCode,
            ["code"] = code,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["code_verifier"] = request.Verifier,
        }, cancellationToken);

    public Task<TokenAnswer> RefreshAsync(string refreshToken, string? scope = null, CancellationToken cancellationToken = default) =>
        RequestAsync(WithScope(new Dictionary<string, string> { ["grant_type"] = OAuthGrants.RefreshToken, ["refresh_token"] = refreshToken }, scope), cancellationToken);

    public Task<TokenAnswer> ClientCredentialsAsync(string? scope = null, CancellationToken cancellationToken = default) =>
        RequestAsync(WithScope(new Dictionary<string, string> { ["grant_type"] = OAuthGrants.ClientCredentials }, scope), cancellationToken);

    /// <summary>
    /// Exchanges <paramref name="subjectToken"/> (by default another hub's access token, as a JWT) for a token of this
    /// server (RFC 8693); with an <paramref name="audience"/>, for a token this server issues for that audience only.
    /// </summary>
    public Task<TokenAnswer> ExchangeAsync(
        string subjectToken, string subjectTokenType = OAuthGrants.JwtTokenType, string? audience = null, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = OAuthGrants.TokenExchange,
            ["subject_token"] = subjectToken,
            ["subject_token_type"] = subjectTokenType,
        };
        if (audience is not null)
        {
            form["audience"] = audience;
        }

        return RequestAsync(form, cancellationToken);
    }

    /// <summary>
    /// Any token request: the client's credentials are added to <paramref name="form"/> unless it names a client
    /// itself (tests send deliberately wrong requests through this).
    /// </summary>
    public async Task<TokenAnswer> RequestAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken = default)
    {
        using var answer = await http.PostAsync(endpoints.Token, new FormUrlEncodedContent(Authenticated(form)), cancellationToken);
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            return TokenAnswer.Refused(RefusalOf((int)answer.StatusCode, body));
        }

        try
        {
            return JsonSerializer.Deserialize<TokenResponse>(body) is { AccessToken.Length: > 0 } tokens
                ? TokenAnswer.Issued(tokens)
                : TokenAnswer.Refused(new TokenRefusal((int)answer.StatusCode, "invalid_response", "The answer holds no access token.", body));
        }
        catch (JsonException)
        {
            return TokenAnswer.Refused(new TokenRefusal((int)answer.StatusCode, "invalid_response", "The answer is not a token response.", body));
        }
    }

    /// <summary>Revokes a token (RFC 7009): null when the server confirmed it, else its refusal (status 0: it has no revocation endpoint).</summary>
    public async Task<TokenRefusal?> RevokeAsync(string token, string tokenTypeHint = "refresh_token", CancellationToken cancellationToken = default)
    {
        if (endpoints.Revocation is not { } revocation)
        {
            return new TokenRefusal(0, "unsupported", "The server has no revocation endpoint.", "");
        }

        using var answer = await http.PostAsync(revocation, new FormUrlEncodedContent(Authenticated(new Dictionary<string, string>
        {
            ["token"] = token,
            ["token_type_hint"] = tokenTypeHint,
        })), cancellationToken);
        return answer.IsSuccessStatusCode ? null : RefusalOf((int)answer.StatusCode, await answer.Content.ReadAsStringAsync(cancellationToken));
    }

    private Dictionary<string, string> Authenticated(IReadOnlyDictionary<string, string> form)
    {
        var sent = new Dictionary<string, string>(form);
        if (!sent.ContainsKey("client_id"))
        {
            sent["client_id"] = clientId;
            if (clientSecret is not null)
            {
                sent["client_secret"] = clientSecret;
            }
        }

        return sent;
    }

    private static Dictionary<string, string> WithScope(Dictionary<string, string> form, string? scope)
    {
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return form;
    }

    private static TokenRefusal RefusalOf(int status, string body)
    {
        try
        {
            using var error = JsonDocument.Parse(body);
            return new TokenRefusal(status, Text(error.RootElement, "error"), Text(error.RootElement, "error_description"), body);
        }
        catch (JsonException)
        {
            return new TokenRefusal(status, null, null, body);
        }
    }

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
