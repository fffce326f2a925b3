using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Federation.Portal.SignIn;

/// <summary>
/// A sign-in between the redirect to a hub and the way back: which hub, the state and nonce that tie the answer to
/// this browser, the PKCE verifier, and where to go afterwards. Kept in an encrypted cookie for ten minutes.
/// </summary>
public sealed record PendingSignIn(string HubId, string State, string Nonce, string Verifier, string ReturnUrl)
{
    public const string CookieName = ".federation.portal.signin";
    private const string Purpose = "Federation.Portal.SignIn.Pending";

    public static PendingSignIn Start(string hubId, string returnUrl) =>
        new(hubId, Random(), Random(), Random(), returnUrl);

    /// <summary>The S256 code challenge of <see cref="Verifier"/>.</summary>
    public string Challenge => Base64UrlTextEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(Verifier)));

    public void Save(HttpContext http, IDataProtectionProvider protection) =>
        http.Response.Cookies.Append(CookieName, protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(this)), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            // Lax: the hub sends the browser back with a top-level GET, which carries a Lax cookie.
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(10),
            Path = "/signin-oidc",
        });

    /// <summary>The pending sign-in of this browser, removed as it is read: a state is good for one answer only.</summary>
    public static PendingSignIn? Take(HttpContext http, IDataProtectionProvider protection)
    {
        if (http.Request.Cookies[CookieName] is not { } value)
        {
            return null;
        }

        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/signin-oidc" });
        try
        {
            return JsonSerializer.Deserialize<PendingSignIn>(protection.CreateProtector(Purpose).Unprotect(value));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException)
        {
            return null;
        }
    }

    private static string Random() => Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
