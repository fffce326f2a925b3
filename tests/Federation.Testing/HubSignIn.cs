using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Federation.Testing;

/// <summary>
/// Gets real tokens from a hub the way a person and a client would: the authorization code flow with PKCE through
/// the hub's own sign-in form (antiforgery token included), client credentials for services, and the token exchange
/// at another hub. No shortcut into the hub's internals.
/// </summary>
public static partial class HubSignIn
{
    public const string CliClient = "federation-cli";
    public static readonly Uri CliRedirect = new("http://127.0.0.1:7890/callback");
    public const string JwtTokenType = "urn:ietf:params:oauth:token-type:jwt";

    /// <summary>A client for <see cref="SignInAsync"/>: it keeps cookies and shows redirects instead of following them.</summary>
    public static HttpClient BrowserLikeClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Signs in at the hub <paramref name="browser"/> talks to and returns the tokens the CLI client would get.</summary>
    public static async Task<TokenResponse> SignInAsync(HttpClient browser, string username, string password, string scope = "openid profile roles offline_access")
    {
        var (authorize, verifier, state) = AuthorizationRequest(scope);
        var callback = await AuthorizeAsync(browser, authorize, username, password);
        var parameters = System.Web.HttpUtility.ParseQueryString(callback.Query);
        if (parameters["state"] != state || parameters["code"] is not { } code)
        {
            throw new InvalidOperationException($"The authorization answer is not a code for this request: {callback}");
        }

        return await RequestTokenAsync(browser, RedeemForm(code, verifier));
    }

    /// <summary>An authorization request of the CLI client with a fresh PKCE verifier (S256) and state, to another redirect URI if given.</summary>
    public static (string Url, string Verifier, string State) AuthorizationRequest(string scope = "openid profile roles offline_access", Uri? redirectUri = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var url = "connect/authorize?" + Query(new()
        {
            ["client_id"] = CliClient,
            ["response_type"] = "code",
            ["redirect_uri"] = (redirectUri ?? CliRedirect).ToString(),
            ["scope"] = scope,
            ["code_challenge"] = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        });
        return (url, verifier, state);
    }

    /// <summary>The token request that redeems an authorization code of the CLI client.</summary>
    public static Dictionary<string, string> RedeemForm(string code, string verifier, Uri? redirectUri = null) => new()
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = CliClient,
        ["code"] = code,
        ["redirect_uri"] = (redirectUri ?? CliRedirect).ToString(),
        ["code_verifier"] = verifier,
    };

    /// <summary>
    /// What a browser does with an authorization request: the hub sends it to the sign-in form, the person signs in,
    /// and the hub redirects to the client's redirect URI with a code. Returns that redirect, not followed.
    /// </summary>
    public static async Task<Uri> AuthorizeAsync(HttpClient browser, string authorizeUrl, string username, string password)
    {
        var toSignIn = await ExpectRedirectAsync(await browser.GetAsync(authorizeUrl));
        var page = await browser.GetStringAsync(toSignIn);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(page, "__RequestVerificationToken"),
            ["returnUrl"] = HiddenField(page, "returnUrl"),
            ["username"] = username,
            ["password"] = password,
        };
        var signedIn = await browser.PostAsync("account/sign-in", new FormUrlEncodedContent(form));
        if (signedIn.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new SignInRefusedException($"The hub refused the password of '{username}'.");
        }

        var backToAuthorize = await ExpectRedirectAsync(signedIn);
        return await ExpectRedirectAsync(await browser.GetAsync(backToAuthorize));
    }

    public static Task<TokenResponse> RefreshAsync(HttpClient hub, string refreshToken, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = CliClient, ["refresh_token"] = refreshToken };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return RequestTokenAsync(hub, form);
    }

    public static Task<TokenResponse> ClientCredentialsAsync(HttpClient hub, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return RequestTokenAsync(hub, form);
    }

    /// <summary>Exchanges a home token (whose audience includes the target hub) at the target hub for a guest token.</summary>
    public static Task<TokenResponse> ExchangeAsync(HttpClient targetHub, string homeAccessToken) =>
        RequestTokenAsync(targetHub, ExchangeForm(homeAccessToken));

    public static Dictionary<string, string> ExchangeForm(string homeAccessToken) => new()
    {
        ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
        ["client_id"] = CliClient,
        ["subject_token"] = homeAccessToken,
        ["subject_token_type"] = JwtTokenType,
    };

    public static async Task<TokenResponse> RequestTokenAsync(HttpClient hub, Dictionary<string, string> form)
    {
        using var response = await hub.PostAsync("connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new TokenRefusedException((int)response.StatusCode, body);
        }

        return System.Text.Json.JsonSerializer.Deserialize<TokenResponse>(body)!;
    }

    private static async Task<Uri> ExpectRedirectAsync(HttpResponseMessage response)
    {
        using (response)
        {
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) || response.Headers.Location is null)
            {
                throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            return response.Headers.Location;
        }
    }

    private static string HiddenField(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"The sign-in page has no field '{name}'.");
    }

    private static string Query(Dictionary<string, string> values) =>
        string.Join("&", values.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}"));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
