using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Trust;

/// <summary>
/// Writes and reads entity statements as signed JWTs (<c>typ: entity-statement+jwt</c>, ES256 or RS256, as OpenID
/// Federation 1.0 writes them): the subject's federation keys under <c>jwks</c>, the member under
/// <c>metadata.federation_member</c>. A statement is read only with the keys of the issuer the reader expects, and
/// only while it is valid; anything else is refused with the reason in words.
/// </summary>
public static class EntityStatements
{
    public const string TokenType = "entity-statement+jwt";
    public const string MetadataType = "federation_member";

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The statement, signed with <paramref name="signingKey"/> (which must carry its key id).</summary>
    public static string Sign(EntityStatement statement, SecurityKey signingKey)
    {
        var payload = new JsonObject
        {
            ["iss"] = EntityIds.Normal(statement.Issuer),
            ["sub"] = EntityIds.Normal(statement.Subject),
            ["iat"] = statement.IssuedAt.ToUnixTimeSeconds(),
            ["exp"] = statement.ExpiresAt.ToUnixTimeSeconds(),
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray([.. statement.Keys.Select(PublicJson)]) },
        };
        if (statement.Member is { } member)
        {
            payload["metadata"] = new JsonObject
            {
                [MetadataType] = new JsonObject
                {
                    ["member_id"] = member.MemberId,
                    ["display_name"] = member.DisplayName,
                    ["kind"] = member.Kind,
                    ["issuer"] = member.Issuer.AbsoluteUri,
                    ["api_base_url"] = member.ApiBaseUrl.AbsoluteUri,
                },
            };
        }

        if (statement.AuthorityHints.Count > 0)
        {
            payload["authority_hints"] = new JsonArray([.. statement.AuthorityHints.Select(hint => JsonValue.Create(EntityIds.Normal(hint)))]);
        }

        var algorithm = signingKey is ECDsaSecurityKey or JsonWebKey { Kty: "EC" } ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256;
        return Handler.CreateToken(payload.ToJsonString(), new SigningCredentials(signingKey, algorithm),
            new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = TokenType });
    }

    /// <summary>
    /// Reads a statement <paramref name="issuer"/> signed (with one of <paramref name="issuerKeys"/>) about
    /// <paramref name="subject"/>; refused when the signature, issuer, subject, type, algorithm or lifetime do not hold.
    /// </summary>
    public static async Task<StatementResult> ReadAsync(string jwt, IEnumerable<SecurityKey> issuerKeys, Uri issuer, Uri? subject, TimeProvider clock)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = issuerKeys,
            ValidIssuers = [EntityIds.Normal(issuer), EntityIds.Normal(issuer) + "/"],
            ValidateAudience = false,
            ValidTypes = [TokenType],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } end && clock.GetUtcNow() <= new DateTimeOffset(end, TimeSpan.Zero) + ClockSkew,
        };
        TokenValidationResult result;
        try
        {
            result = await Handler.ValidateTokenAsync(jwt, parameters);
        }
        catch (ArgumentException)
        {
            return StatementResult.Refused("it is not a readable JWT");
        }

        if (!result.IsValid)
        {
            return StatementResult.Refused(Reason(result.Exception));
        }

        try
        {
            var statement = Parse((JsonWebToken)result.SecurityToken);
            return subject is not null && !EntityIds.Same(statement.Subject, subject)
                ? StatementResult.Refused($"it is about {statement.Subject}, not {subject}")
                : StatementResult.Read(statement);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or UriFormatException or ArgumentException or FormatException)
        {
            return StatementResult.Refused("its content is not an entity statement");
        }
    }

    /// <summary>
    /// The statement's content without checking its signature: only to find out which issuer and key to check it
    /// with, or to show what a refused statement claimed.
    /// </summary>
    public static EntityStatement? Peek(string jwt)
    {
        try
        {
            return Handler.CanReadToken(jwt) ? Parse(Handler.ReadJsonWebToken(jwt)) : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or UriFormatException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The public half of a key, as a statement publishes it: never a private parameter.</summary>
    public static JsonObject PublicJson(JsonWebKey key)
    {
        var json = new JsonObject { ["kty"] = key.Kty, ["kid"] = key.Kid, ["use"] = "sig" };
        foreach (var (name, value) in new[] { ("alg", key.Alg), ("crv", key.Crv), ("x", key.X), ("y", key.Y), ("n", key.N), ("e", key.E) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                json[name] = value;
            }
        }

        return json;
    }

    private static EntityStatement Parse(JsonWebToken token)
    {
        using var payload = JsonDocument.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.EncodedPayload)));
        var root = payload.RootElement;
        var keys = root.GetProperty("jwks").GetProperty("keys").EnumerateArray()
            .Select(key => new JsonWebKey(key.GetRawText()))
            .ToList();
        MemberMetadata? member = null;
        if (root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty(MetadataType, out var described))
        {
            member = new MemberMetadata(
                described.GetProperty("member_id").GetString()!,
                described.GetProperty("display_name").GetString()!,
                described.GetProperty("kind").GetString()!,
                new Uri(described.GetProperty("issuer").GetString()!, UriKind.Absolute),
                new Uri(described.GetProperty("api_base_url").GetString()!, UriKind.Absolute));
        }

        var hints = root.TryGetProperty("authority_hints", out var listed)
            ? listed.EnumerateArray().Select(hint => new Uri(hint.GetString()!, UriKind.Absolute)).ToList()
            : [];
        return new EntityStatement(
            new Uri(root.GetProperty("iss").GetString()!, UriKind.Absolute),
            new Uri(root.GetProperty("sub").GetString()!, UriKind.Absolute),
            DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64()),
            DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()),
            keys,
            member,
            hints);
    }

    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenInvalidLifetimeException => "it has expired",
        SecurityTokenNoExpirationException => "it has no expiry",
        SecurityTokenInvalidIssuerException => "another issuer made it",
        SecurityTokenInvalidTypeException => "it is not an entity statement",
        SecurityTokenInvalidAlgorithmException => "it is not signed with ES256 or RS256",
        SecurityTokenSignatureKeyNotFoundException => "no key of its issuer signed it",
        SecurityTokenInvalidSignatureException => "its signature does not verify",
        _ => "it does not pass the checks",
    };
}
