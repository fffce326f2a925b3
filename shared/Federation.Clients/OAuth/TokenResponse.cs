using System.Text.Json.Serialization;

namespace Federation.Clients.OAuth;

/// <summary>What a token endpoint answers (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3, RFC 8693 §2.2).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("issued_token_type")] string? IssuedTokenType)
{
    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }
}
