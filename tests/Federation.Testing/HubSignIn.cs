using System.Net;
using System.Text.RegularExpressions;
using Federation.Clients.OAuth;

namespace Federation.Testing;

/// <summary>
/// Gets real tokens from a hub the way a person and a client would, through the shared OAuth client the portal and
/// the command line use: the authorization code flow with PKCE through the hub's own sign-in form (antiforgery token
/// included), client credentials for services, and the token exchange at another hub. No shortcut into the hub's
/// internals.
/// </summary>
public static partial class HubSignIn
{
    public const string CliClient = "federation-cli";
    public static readonly Uri CliRedirect = new("http://127.0.0.1:7890/callback");
    public const string JwtTokenType = OAuthGrants.JwtTokenType;
    public const string DefaultScope = "openid profile roles offline_access";

    /// <summary>A client for <see cref="SignInAsync"/>: it keeps cookies and shows redirects instead of following them.</summary>
    public static HttpClient BrowserLikeClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Signs in at the hub <paramref name="browser"/> talks to and returns the tokens the CLI client would get.</summary>
    public static async Task<TokenResponse> SignInAsync(HttpClient browser, string username, string password, string scope = DefaultScope, string? authenticatorKey = null)
    {
        var request = Clients.OAuth.AuthorizationRequest.Start();
        var callback = await AuthorizeAsync(browser, RelativeUrl(request, scope, CliRedirect), username, password, authenticatorKey);
        var parameters = System.Web.HttpUtility.ParseQueryString(callback.Query);
        if (parameters["state"] != request.State || parameters["code"] is not { } code)
        {
            throw new InvalidOperationException($"The authorization answer is not a code for this request: {callback}");
        }

        return Issued(await CliClientAt(browser).RedeemCodeAsync(code, request, CliRedirect));
    }

    /// <summary>
    /// The tokens the CLI client gets from a browser that has a session at the hub already (signed in some other way,
    /// such as with an institution): the authorization request answers at once with a code.
    /// </summary>
    public static async Task<TokenResponse> AuthorizeWithSessionAsync(HttpClient browser, string scope = DefaultScope)
    {
        var request = Clients.OAuth.AuthorizationRequest.Start();
        var answer = await browser.GetAsync(RelativeUrl(request, scope, CliRedirect));
        var callback = answer.Headers.Location;
        var parameters = System.Web.HttpUtility.ParseQueryString(callback?.Query ?? "");
        if (callback is null || !callback.ToString().StartsWith(CliRedirect.ToString(), StringComparison.Ordinal)
            || parameters["state"] != request.State || parameters["code"] is not { } code)
        {
            throw new InvalidOperationException($"The hub did not answer with a code (no session?): {(int)answer.StatusCode} {callback}");
        }

        return Issued(await CliClientAt(browser).RedeemCodeAsync(code, request, CliRedirect));
    }

    /// <summary>An authorization request of the CLI client with a fresh PKCE verifier (S256) and state, to another redirect URI if given.</summary>
    public static (string Url, string Verifier, string State) AuthorizationRequest(string scope = DefaultScope, Uri? redirectUri = null)
    {
        var request = Clients.OAuth.AuthorizationRequest.Start();
        return (RelativeUrl(request, scope, redirectUri ?? CliRedirect), request.Verifier, request.State);
    }

    /// <summary>The token request that redeems an authorization code of the CLI client.</summary>
    public static Dictionary<string, string> RedeemForm(string code, string verifier, Uri? redirectUri = null) => new()
    {
        ["grant_type"] = OAuthGrants.AuthorizationCode,
        ["client_id"] = CliClient,
        ["code"] = code,
        ["redirect_uri"] = (redirectUri ?? CliRedirect).ToString(),
        ["code_verifier"] = verifier,
    };

    /// <summary>
    /// What a browser does with an authorization request: the hub sends it to the sign-in form, the person signs in,
    /// and the hub redirects to the client's redirect URI with a code. Returns that redirect, not followed.
    /// </summary>
    public static async Task<Uri> AuthorizeAsync(HttpClient browser, string authorizeUrl, string username, string password, string? authenticatorKey = null)
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
        if (signedIn.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Locked)
        {
            throw new SignInRefusedException($"The hub refused the password of '{username}' ({(int)signedIn.StatusCode}).");
        }

        var next = await ExpectRedirectAsync(signedIn);
        if (next.OriginalString.StartsWith(SecondFactorPath, StringComparison.Ordinal))
        {
            next = await EnterSecondFactorAsync(browser, next, Totp.Code(authenticatorKey ?? LocalInfrastructure.DemoAuthenticatorKey));
        }

        return await ExpectRedirectAsync(await browser.GetAsync(next));
    }

    public const string SecondFactorPath = "/account/second-factor";

    /// <summary>The second step of a sign-in: <paramref name="code"/> typed into the page at <paramref name="secondFactorPage"/>; returns where the hub sends the person next.</summary>
    public static async Task<Uri> EnterSecondFactorAsync(HttpClient browser, Uri secondFactorPage, string code)
    {
        var page = await browser.GetStringAsync(secondFactorPage);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(page, "__RequestVerificationToken"),
            ["returnUrl"] = HiddenField(page, "returnUrl"),
            ["code"] = code,
        };
        var action = Regex.Match(page, "<form method=\"post\" action=\"([^\"]+)\"").Groups[1].Value;
        var answer = await browser.PostAsync(action.TrimStart('/'), new FormUrlEncodedContent(form));
        if (answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Locked)
        {
            throw new SignInRefusedException($"The hub refused the second factor ({(int)answer.StatusCode}).");
        }

        return await ExpectRedirectAsync(answer);
    }

    public static async Task<TokenResponse> RefreshAsync(HttpClient hub, string refreshToken, string? scope = null) =>
        Issued(await CliClientAt(hub).RefreshAsync(refreshToken, scope));

    public static async Task<TokenResponse> ClientCredentialsAsync(HttpClient hub, string clientId, string secret, string? scope = null) =>
        Issued(await new OAuthClient(hub, OAuthEndpoints.OfHub(hub.BaseAddress!), clientId, secret).ClientCredentialsAsync(scope));

    /// <summary>
    /// A guest token at <paramref name="targetHub"/> for a member signed in at <paramref name="homeHub"/>, as the portal
    /// gets it: the home hub's token for <paramref name="targetHubId"/> alone, exchanged there.
    /// </summary>
    public static async Task<TokenResponse> ExchangeAsync(HttpClient homeHub, HttpClient targetHub, string targetHubId, string homeAccessToken) =>
        Issued(await GuestTokenExchange.GuestTokenAsync(CliClientAt(homeHub), CliClientAt(targetHub), targetHubId, homeAccessToken));

    /// <summary>The home hub's token for <paramref name="targetHubId"/> alone (the first half of <see cref="ExchangeAsync"/>).</summary>
    public static async Task<TokenResponse> OnwardTokenAsync(HttpClient homeHub, string targetHubId, string homeAccessToken) =>
        Issued(await GuestTokenExchange.OnwardTokenAsync(CliClientAt(homeHub), targetHubId, homeAccessToken));

    /// <summary>The form of an exchange of another hub's token, for specs that post it themselves to look at the raw answer.</summary>
    public static Dictionary<string, string> ExchangeForm(string subjectToken) => new()
    {
        ["grant_type"] = OAuthGrants.TokenExchange,
        ["client_id"] = CliClient,
        ["subject_token"] = subjectToken,
        ["subject_token_type"] = JwtTokenType,
    };

    /// <summary>The form that asks a hub for a token for another hub, for specs that post it themselves.</summary>
    public static Dictionary<string, string> OnwardForm(string accessToken, params string[] audiences)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = OAuthGrants.TokenExchange,
            ["client_id"] = CliClient,
            ["subject_token"] = accessToken,
            ["subject_token_type"] = OAuthGrants.AccessTokenType,
        };
        if (audiences.Length > 0)
        {
            form["audience"] = string.Join(' ', audiences);
        }

        return form;
    }

    /// <summary>A token request with a form the spec built itself (deliberately wrong ones included).</summary>
    public static async Task<TokenResponse> RequestTokenAsync(HttpClient hub, Dictionary<string, string> form) =>
        Issued(await CliClientAt(hub).RequestAsync(form));

    /// <summary>The CLI's public client at the hub <paramref name="hub"/> talks to.</summary>
    public static OAuthClient CliClientAt(HttpClient hub) => new(hub, OAuthEndpoints.OfHub(hub.BaseAddress!), CliClient);

    private static TokenResponse Issued(TokenAnswer answer) => answer.Succeeded ? answer.Tokens : throw new TokenRefusedException(answer.Refusal);

    // Relative to whichever hub the browser talks to: the specs' browsers carry the hub's address as their base, so the
    // request is built at a placeholder address and only its path and query are kept.
    private static string RelativeUrl(Clients.OAuth.AuthorizationRequest request, string scope, Uri redirectUri) =>
        request.Url(OAuthEndpoints.OfHub(new Uri("http://hub.invalid/")).Authorization, CliClient, redirectUri, scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .PathAndQuery.TrimStart('/');

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
}
