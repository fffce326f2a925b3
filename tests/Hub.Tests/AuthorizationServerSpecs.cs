using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>
/// The hub as authorization server of its own members: discovery, PKCE with S256 only, sign-in, refresh, client
/// credentials; and the attacks on the code flow: a code replayed, redeemed with another verifier or redirect URI, or
/// asked for a redirect URI the client never registered.
/// </summary>
public sealed class AuthorizationServerSpecs : SpecsOnAFresh<HubHost>
{
    [Fact]
    public async Task Discovery_offers_the_federations_flows_and_S256_only()
    {
        using var client = Host.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal("http://127.0.0.1:5999/", discovery.GetProperty("issuer").GetString());
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("urn:ietf:params:oauth:grant-type:token-exchange", grants);
        Assert.Contains("client_credentials", grants);
        Assert.DoesNotContain("password", grants);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData(null)]
    public async Task An_authorization_request_without_S256_is_refused(string? method)
    {
        using var browser = Host.CreateBrowser();
        var query = $"client_id={HubSignIn.CliClient}&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(HubSignIn.CliRedirect.ToString())}" +
            "&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrs" + (method is null ? "" : $"&code_challenge_method={method}");

        var response = await browser.GetAsync($"/connect/authorize?{query}");

        // Refused on the spot: no sign-in page, no code, not even a redirect back to the client.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_wrong_password_gets_no_session_and_no_code()
    {
        using var browser = Host.CreateBrowser();

        var refused = await Record.ExceptionAsync(() => HubSignIn.SignInAsync(browser, "staff", "not-the-password"));

        Assert.IsType<SignInRefusedException>(refused);
        var again = await browser.GetAsync($"/connect/authorize?client_id={HubSignIn.CliClient}&response_type=code&scope=openid" +
            $"&redirect_uri={Uri.EscapeDataString(HubSignIn.CliRedirect.ToString())}&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrs&code_challenge_method=S256");
        Assert.Contains("/account/sign-in", again.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_never_redirects_off_the_hub()
    {
        using var browser = Host.CreateBrowser();
        var page = await browser.GetStringAsync("/account/sign-in");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"").Groups[1].Value;

        var response = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery), ["username"] = "researcher",
            ["password"] = LocalInfrastructure.DemoPassword, ["returnUrl"] = "//evil.example/steal",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = Host.CreateBrowser();

        var response = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "staff", ["password"] = LocalInfrastructure.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, header => header.Key == "Set-Cookie" && header.Value.Any(v => v.StartsWith("federation-hub-brainport=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_refresh_token_gives_a_fresh_access_token_with_the_members_current_claims()
    {
        var tokens = await Host.SignInAsync("researcher");
        using var client = Host.CreateClient();

        var refreshed = await HubSignIn.RefreshAsync(client, tokens.RefreshToken!);

        var claims = ForgedTokens.Payload(refreshed.AccessToken);
        Assert.Equal("brainport", claims["home_hub"]!.GetValue<string>());
        Assert.Equal("university", claims["org_type"]!.GetValue<string>());
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
    }

    [Fact]
    public async Task A_service_client_signs_in_with_its_secret_only()
    {
        using var client = Host.CreateClient();

        var token = await HubSignIn.ClientCredentialsAsync(client, LocalInfrastructure.ServiceClientId, LocalInfrastructure.ServiceClientSecret);
        var wrong = await Record.ExceptionAsync(() => HubSignIn.ClientCredentialsAsync(client, LocalInfrastructure.ServiceClientId, "wrong-secret"));

        Assert.Equal("hub:brainport", ForgedTokens.Payload(token.AccessToken)["aud"]!.ToString());
        Assert.IsType<TokenRefusedException>(wrong);
    }

    [Fact]
    public async Task An_authorization_code_is_redeemed_once_only()
    {
        var (code, verifier) = await CodeAsync();
        using var client = Host.CreateClient();

        var first = await HubSignIn.RequestTokenAsync(client, HubSignIn.RedeemForm(code, verifier));
        var replay = await Record.ExceptionAsync(() => HubSignIn.RequestTokenAsync(client, HubSignIn.RedeemForm(code, verifier)));

        Assert.False(string.IsNullOrEmpty(first.AccessToken));
        Assert.Contains("invalid_grant", Assert.IsType<TokenRefusedException>(replay).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_not_redeemed_with_another_verifier_or_another_redirect_uri()
    {
        using var client = Host.CreateClient();
        var (code, _) = await CodeAsync();
        var (otherCode, verifier) = await CodeAsync();

        var wrongVerifier = await Record.ExceptionAsync(() => HubSignIn.RequestTokenAsync(client,
            HubSignIn.RedeemForm(code, "a-verifier-of-43-characters-that-is-not-the-one-sent")));
        var wrongRedirect = await Record.ExceptionAsync(() => HubSignIn.RequestTokenAsync(client,
            HubSignIn.RedeemForm(otherCode, verifier, new Uri("http://127.0.0.1:7890/elsewhere"))));

        Assert.Contains("invalid_grant", Assert.IsType<TokenRefusedException>(wrongVerifier).Message, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", Assert.IsType<TokenRefusedException>(wrongRedirect).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7891/callback")]
    [InlineData("http://evil.example/callback")]
    [InlineData("http://127.0.0.1:7890/callbackx")]
    [InlineData("http://localhost:7890/callback")]
    [InlineData("http://127.0.0.1:7890/callback?next=http://evil.example/")]
    public async Task An_unregistered_redirect_uri_is_refused_without_sending_the_browser_anywhere(string redirectUri)
    {
        using var browser = Host.CreateBrowser();
        await HubSignIn.SignInAsync(browser, "staff", LocalInfrastructure.DemoPassword);
        var (url, _, _) = HubSignIn.AuthorizationRequest(redirectUri: new Uri(redirectUri));

        var response = await browser.GetAsync(url);

        // Even signed in, the member gets no code: the hub refuses on its own page and redirects nowhere.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    /// <summary>A code for a member who signs in now, not yet redeemed, with the verifier that redeems it.</summary>
    private async Task<(string Code, string Verifier)> CodeAsync()
    {
        using var browser = Host.CreateBrowser();
        var (url, verifier, _) = HubSignIn.AuthorizationRequest();
        var callback = await HubSignIn.AuthorizeAsync(browser, url, "researcher", LocalInfrastructure.DemoPassword);
        return (System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!, verifier);
    }
}
