using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.Clients.OAuth;
using Microsoft.AspNetCore.DataProtection;

namespace Federation.Portal.SignIn;

/// <summary>
/// A sign-in between the redirect to a hub and the way back: which hub, the state and nonce that tie the answer to
/// this browser, the PKCE verifier, and where to go afterwards. Kept in an encrypted cookie for ten minutes.
/// </summary>
public sealed record PendingSignIn(string HubId, string State, string Nonce, string Verifier, string ReturnUrl)
{
    public const string CookieName = ".federation.portal.signin";
    private const string Purpose = "Federation.Portal.SignIn.Pending";

    public static PendingSignIn Start(string hubId, string returnUrl)
    {
        var request = AuthorizationRequest.Start();
        return new(hubId, request.State, request.Nonce, request.Verifier, returnUrl);
    }

    /// <summary>The authorization request this sign-in made, as the shared OAuth client needs it to redeem the code.</summary>
    /// <remarks>Not kept in the cookie: it repeats the state, nonce and verifier already there.</remarks>
    [JsonIgnore]
    public AuthorizationRequest Request => new(State, Nonce, Verifier);

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
}
