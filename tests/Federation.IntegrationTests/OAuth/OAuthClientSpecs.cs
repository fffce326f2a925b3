using Federation.Clients.OAuth;
using Federation.Clients.Registration;
using Federation.Testing;

namespace Federation.IntegrationTests.OAuth;

/// <summary>
/// The one OAuth client that the portal, the command line and the tests share, against real hubs: discovery with the
/// key-origin check, code + PKCE (S256) with the identity token checked, refresh, revocation, client credentials, and
/// the exchange of a home token at a second hub. A discovery document that points the keys at another origin is refused.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class OAuthClientSpecs(FederationFixture federation)
{
    private static readonly string[] Scopes = ["openid", "profile", "roles", "offline_access"];

    private ServiceProcess Noord => federation.Hubs["noord-nederland"];

    private ServiceProcess Brainport => federation.Hubs["brainport"];

    [Fact]
    public void The_code_challenge_is_S256_of_the_verifier_as_RFC_7636_shows_it()
    {
        // RFC 7636, appendix B.
        var request = new AuthorizationRequest("state", "nonce", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        var url = request.Url(new Uri("http://hub.example/connect/authorize"), "federation-cli", HubSignIn.CliRedirect, Scopes);

        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", request.Challenge);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(request.Challenge, query["code_challenge"]);
        Assert.Equal("state", query["state"]);
        Assert.Equal("nonce", query["nonce"]);
        Assert.NotEqual(AuthorizationRequest.Start().Verifier, AuthorizationRequest.Start().Verifier);
    }

    [Fact]
    public async Task A_hubs_provider_is_discovered_with_its_endpoints_and_keys_on_its_own_origin()
    {
        var provider = await Discovery().DiscoverAsync(Noord.BaseUrl);

        Assert.Equal(Noord.BaseUrl, provider.Issuer);
        Assert.Equal(new Uri(Noord.BaseUrl, "connect/token"), provider.TokenEndpoint);
        Assert.Equal(new Uri(Noord.BaseUrl, "connect/authorize"), provider.AuthorizationEndpoint);
        Assert.NotNull(provider.RevocationEndpoint);
        Assert.NotEmpty(provider.SigningKeys);
        Assert.True(ProviderDiscovery.OnIssuerOrigin(provider.JwksUri, provider.Issuer));
    }

    [Fact]
    public async Task A_code_with_PKCE_is_redeemed_and_its_identity_token_answers_only_this_request()
    {
        var provider = await Discovery().DiscoverAsync(Noord.BaseUrl);
        var request = AuthorizationRequest.Start();
        using var browser = HubSignIn.BrowserLikeClient(Noord.BaseUrl);

        var callback = await HubSignIn.AuthorizeAsync(browser, request.Url(provider.AuthorizationEndpoint, HubSignIn.CliClient, HubSignIn.CliRedirect, Scopes).AbsoluteUri,
            "researcher", LocalInfrastructure.DemoPassword);
        var answer = System.Web.HttpUtility.ParseQueryString(callback.Query);
        var client = new OAuthClient(browser, provider.Endpoints, HubSignIn.CliClient);
        var tokens = (await client.RedeemCodeAsync(answer["code"]!, request, HubSignIn.CliRedirect)).EnsureIssued();
        var replay = await client.RedeemCodeAsync(answer["code"]!, request, HubSignIn.CliRedirect);

        Assert.Equal(request.State, answer["state"]);
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
        Assert.NotNull(tokens.RefreshToken);
        var identity = await IdentityTokens.ValidateAsync(tokens.IdToken, provider, HubSignIn.CliClient, request);
        Assert.NotNull(identity);
        Assert.False(string.IsNullOrEmpty(identity.Subject));
        Assert.Null(await IdentityTokens.ValidateAsync(tokens.IdToken, provider, HubSignIn.CliClient, AuthorizationRequest.Start()));
        Assert.Null(await IdentityTokens.ValidateAsync(tokens.IdToken, provider, "federation-portal", request));
        Assert.Null(await IdentityTokens.ValidateAsync(ForgedTokens.Resigned(tokens.IdToken!), provider, HubSignIn.CliClient, request));
        Assert.False(replay.Succeeded);
        Assert.Equal("invalid_grant", replay.Refusal.Error);
    }

    [Fact]
    public async Task A_refresh_renews_the_tokens_and_a_revoked_refresh_token_is_refused()
    {
        using var browser = HubSignIn.BrowserLikeClient(Noord.BaseUrl);
        var first = await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword);
        var client = new OAuthClient(Noord.Http, (await Discovery().DiscoverAsync(Noord.BaseUrl)).Endpoints, HubSignIn.CliClient);

        var renewed = (await client.RefreshAsync(first.RefreshToken!)).EnsureIssued();
        var revocation = await client.RevokeAsync(renewed.RefreshToken!);
        var afterRevocation = await client.RefreshAsync(renewed.RefreshToken!);

        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.NotNull(renewed.RefreshToken);
        Assert.True(renewed.ExpiresIn > 0);
        Assert.Null(revocation);
        Assert.False(afterRevocation.Succeeded);
        Assert.Equal("invalid_grant", afterRevocation.Refusal.Error);
    }

    [Fact]
    public async Task Client_credentials_sign_in_the_staff_client_and_a_wrong_secret_is_refused()
    {
        var endpoints = (await Discovery().DiscoverAsync(Noord.BaseUrl)).Endpoints;

        var staff = await new OAuthClient(Noord.Http, endpoints, LocalInfrastructure.ServiceClientId, LocalInfrastructure.ServiceClientSecret).ClientCredentialsAsync();
        var wrong = await new OAuthClient(Noord.Http, endpoints, LocalInfrastructure.ServiceClientId, "not-the-secret").ClientCredentialsAsync();

        Assert.True(staff.Succeeded);
        Assert.Contains("hub-staff", ForgedTokens.Payload(staff.Tokens.AccessToken)["role"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.False(wrong.Succeeded);
        Assert.Equal("invalid_client", wrong.Refusal.Error);
        Assert.Throws<OAuthTokenRefusedException>(() => wrong.EnsureIssued());
    }

    [Fact]
    public async Task A_home_token_becomes_a_guest_token_at_a_second_hub_through_a_token_for_that_hub_alone()
    {
        var home = await FederatedSignIn.AtHomeAsync(Noord, "researcher");
        var noord = new OAuthClient(Noord.Http, (await Discovery().DiscoverAsync(Noord.BaseUrl)).Endpoints, HubSignIn.CliClient);
        var brainport = new OAuthClient(Brainport.Http, (await Discovery().DiscoverAsync(Brainport.BaseUrl)).Endpoints, HubSignIn.CliClient);

        // The second hub trusts the home hub once its trust list holds it; until then it refuses.
        var guest = await Eventually.Until(() => GuestTokenExchange.GuestTokenAsync(noord, brainport, "brainport", home.AccessToken),
            answer => answer.Succeeded, TimeSpan.FromSeconds(30), "a guest token at brainport");
        var onward = await GuestTokenExchange.OnwardTokenAsync(noord, "brainport", home.AccessToken);
        var refused = await brainport.ExchangeAsync(ForgedTokens.Resigned(onward.Tokens!.AccessToken));

        var claims = ForgedTokens.Payload(guest.Tokens!.AccessToken);
        Assert.Equal("noord-nederland", claims["home_hub"]!.GetValue<string>());
        Assert.Equal("hub:brainport", claims["aud"]!.ToString());
        Assert.Equal(new Uri(Brainport.BaseUrl, "/").AbsoluteUri, claims["iss"]!.GetValue<string>());
        Assert.Equal("hub:brainport", ForgedTokens.Payload(onward.Tokens.AccessToken)["aud"]!.ToString());
        Assert.False(refused.Succeeded);
        Assert.Equal("invalid_grant", refused.Refusal.Error);
    }

    [Fact]
    public async Task A_discovery_document_that_points_the_keys_at_another_origin_is_refused()
    {
        using var forged = new ForgedDiscoveryServer();
        var realKeys = (await Discovery().DiscoverAsync(Noord.BaseUrl)).JwksUri;
        forged.KeySet = await Noord.Http.GetStringAsync(realKeys);

        // Control: the same provider with its keys on its own origin is read, so the refusal below is the origin's doing.
        forged.DiscoveryDocument = ForgedDiscoveryServer.Document(forged.Issuer, forged.OwnKeys);
        var own = await Discovery().DiscoverAsync(forged.Issuer);
        forged.DiscoveryDocument = ForgedDiscoveryServer.Document(forged.Issuer, realKeys);
        var elsewhere = await Assert.ThrowsAsync<OAuthDiscoveryException>(() => Discovery().DiscoverAsync(forged.Issuer));
        forged.DiscoveryDocument = ForgedDiscoveryServer.Document(Noord.BaseUrl, forged.OwnKeys);
        var anotherIssuer = await Assert.ThrowsAsync<OAuthDiscoveryException>(() => Discovery().DiscoverAsync(forged.Issuer));

        Assert.NotEmpty(own.SigningKeys);
        Assert.Contains("another origin", elsewhere.Reason, StringComparison.Ordinal);
        Assert.Contains("another issuer", anotherIssuer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_is_kept_and_read_again_for_a_key_it_does_not_know_once_the_floor_has_passed()
    {
        using var forged = new ForgedDiscoveryServer();
        var realKeys = (await Discovery().DiscoverAsync(Noord.BaseUrl)).JwksUri;
        forged.KeySet = await Noord.Http.GetStringAsync(realKeys);
        forged.DiscoveryDocument = ForgedDiscoveryServer.Document(forged.Issuer, forged.OwnKeys);
        var clock = new SettableClock();
        var discovery = new ProviderDiscovery(() => new HttpClient(), clock, PeerUrlRule.AnyScheme);

        var first = await discovery.DiscoverAsync(forged.Issuer);
        forged.DiscoveryDocument = ForgedDiscoveryServer.Document(forged.Issuer, realKeys);
        var kept = await discovery.DiscoverAsync(forged.Issuer, keyId: "unknown-kid");
        clock.Advance(ProviderDiscovery.RefreshFloor + TimeSpan.FromSeconds(1));
        var reread = await Record.ExceptionAsync(() => discovery.DiscoverAsync(forged.Issuer, keyId: "unknown-kid"));

        Assert.Same(first, kept);
        Assert.IsType<OAuthDiscoveryException>(reread);
    }

    private static ProviderDiscovery Discovery() => new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, TimeProvider.System, PeerUrlRule.AnyScheme);
}
