using System.Text.Json.Serialization;

namespace Federation.Testing;

/// <summary>What a hub's token endpoint answers (RFC 6749 §5.1, RFC 8693 §2.2).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("issued_token_type")] string? IssuedTokenType);
