using System.Security.Cryptography;
using System.Text;

namespace Federation.Clients.OAuth;

/// <summary>
/// One authorization code request with PKCE (RFC 7636, S256 only: the hubs refuse <c>plain</c>): the secrets that tie
/// the answer to this request — <see cref="State"/> for the redirect, <see cref="Nonce"/> for the identity token, the
/// <see cref="Verifier"/> for the code — and the address to send the person to. The caller keeps it until the answer.
/// </summary>
public sealed record AuthorizationRequest(string State, string Nonce, string Verifier)
{
    public const string ChallengeMethod = "S256";

    public static AuthorizationRequest Start() => new(Random(), Random(), Random());

    /// <summary>The S256 code challenge of <see cref="Verifier"/>.</summary>
    public string Challenge => Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    /// <summary>The authorization endpoint's address with this request's parameters.</summary>
    public Uri Url(Uri authorizationEndpoint, string clientId, Uri redirectUri, IEnumerable<string> scopes)
    {
        var parameters = new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["scope"] = string.Join(' ', scopes),
            ["state"] = State,
            ["nonce"] = Nonce,
            ["code_challenge"] = Challenge,
            ["code_challenge_method"] = ChallengeMethod,
        };
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var separator = string.IsNullOrEmpty(authorizationEndpoint.Query) ? "?" : "&";
        return new Uri(authorizationEndpoint.AbsoluteUri + separator + query);
    }

    private static string Random() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
}
