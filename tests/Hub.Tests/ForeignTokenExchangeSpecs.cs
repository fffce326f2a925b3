using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Federation.Hub.Tests;

/// <summary>
/// The token exchange at a hub, against a peer hub whose keys and trust-list entry the test controls: a genuine home
/// token becomes a guest token that carries nothing the hub did not decide; every spoiled token is refused and audited;
/// a peer taken off the trust list is refused without a restart.
/// </summary>
public sealed class ForeignTokenExchangeSpecs : PeerHubSpecs
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Federation:Authority:RefreshInterval"] = "00:00:00.200" };

    [Fact]
    public async Task A_genuine_home_token_becomes_a_guest_token_with_only_what_this_hub_decides()
    {
        var answer = await ExchangeAsync(Peer.Token(extraClaims: new Dictionary<string, object> { ["oi_tkn_id"] = "injected", ["oi_scp"] = "everything" }));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var token = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var claims = ForgedTokens.Payload(token);
        Assert.Equal("noord-nederland:7d3f0c3a-0000-4000-8000-000000000001", claims["sub"]!.GetValue<string>());
        Assert.Equal("noord-nederland", claims["home_hub"]!.GetValue<string>());
        Assert.Equal("hub:brainport", claims["aud"]!.ToString());
        var roles = claims["role"]!.AsArray().Select(role => role!.GetValue<string>()).ToList();
        Assert.Equal(["guest", "guest-researcher"], roles.Order().ToList());
        Assert.False(claims.ContainsKey("oi_scp"));
        Assert.True(claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>() <= 600);

        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me/access-requests")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await new HubClient(client).CreateResourceAsync(ResourceJson.Dataset(), TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task A_peer_naming_a_member_of_this_hub_as_its_own_reaches_neither_their_data_nor_their_account()
    {
        // A peer may put any subject in its own tokens, this hub's researcher's id included: the guest it becomes is
        // that peer's person, never the member who happens to have the id here.
        using var researcher = await Host.CreateClientAsync("researcher");
        var memberId = (await researcher.GetFromJsonAsync<Federation.Contracts.Hub.MyData>("/me/data"))!.Profile.Id;
        var answer = await ExchangeAsync(Peer.Token(extraClaims: new Dictionary<string, object> { ["sub"] = memberId.ToString() }));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var guest = Host.CreateClient();
        guest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        var accounts = await Host.CountAsync("hub_accounts");

        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync("/me/data")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync("/me/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.PostAsJsonAsync("/me/close", new { confirmUsername = "researcher" })).StatusCode);
        Assert.Equal(accounts, await Host.CountAsync("hub_accounts"));
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync("/me/data")).StatusCode);
    }

    public static TheoryData<string> Spoilings =>
    [
        "wrong audience", "plain JWT type", "expired", "unsigned", "HMAC with the public key", "another key, same kid",
        "claims another home hub", "issuer not on the list", "attacker key named by jku and x5u", "three parts that are no JSON",
        "a header that is no JSON", "also meant for another hub", "no token id",
    ];

    [Theory]
    [MemberData(nameof(Spoilings))]
    public async Task A_spoiled_token_is_refused_and_audited(string spoiling)
    {
        var token = spoiling switch
        {
            "wrong audience" => Peer.Token(d => d.Audience = "hub:amsterdam"),
            "plain JWT type" => Peer.Token(d => d.TokenType = "JWT"),
            "expired" => Peer.Token(d => { d.IssuedAt = DateTime.UtcNow.AddHours(-2); d.NotBefore = DateTime.UtcNow.AddHours(-2); d.Expires = DateTime.UtcNow.AddHours(-1); }),
            "unsigned" => ForgedTokens.Unsigned(Peer.Token()),
            "HMAC with the public key" => Peer.TokenSignedWithPublicKeyAsSecret(),
            "another key, same kid" => Peer.Token(signWith: new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "peer-key-1" }),
            // The header points at the attacker's own key set; only the issuer's JWKS, read from its own origin, counts.
            "attacker key named by jku and x5u" => Peer.Token(
                d => d.AdditionalHeaderClaims = new Dictionary<string, object> { ["jku"] = "http://127.0.0.1:5998/jwks", ["x5u"] = "http://127.0.0.1:5998/cert.pem" },
                signWith: new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "attacker-key" }),
            "claims another home hub" => Peer.Token(extraClaims: new Dictionary<string, object> { ["home_hub"] = "brainport" }),
            "three parts that are no JSON" => "abc.def.ghi",
            "a header that is no JSON" => "bm90IGpzb24." + Peer.Token().Split('.')[1] + ".c2lnbmF0dXJl",
            // Meant for this hub too, but a hub it was also meant for could replay it here.
            "also meant for another hub" => Peer.Token(d => { d.Audience = null; d.Claims["aud"] = new[] { "hub:brainport", "hub:amsterdam" }; }),
            "no token id" => Peer.Token(d => d.Claims.Remove("jti")),
            _ => Peer.Token(d => d.Issuer = "http://rogue.test/"),
        };
        var refusalsBefore = await Host.CountAuditAsync("token.exchange", "refused");

        var answer = await ExchangeAsync(token);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var refusal = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_grant", refusal.GetProperty("error").GetString());
        // The reason is for people: no exception's name or message of the token library in it.
        Assert.DoesNotContain("Exception", refusal.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("IDX", refusal.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(refusalsBefore + 1, await Host.CountAuditAsync("token.exchange", "refused"));
    }

    [Theory]
    [InlineData("names another issuer")]
    [InlineData("serves its keys from another origin")]
    public async Task A_genuine_token_of_a_peer_whose_discovery_document_cannot_be_trusted_is_refused(string spoiling)
    {
        Peer.ServeDiscovery(document =>
        {
            if (spoiling == "names another issuer")
            {
                document["issuer"] = "http://rogue.test/";
            }
            else
            {
                document["jwks_uri"] = "http://keys.test/.well-known/jwks";
            }
        });

        var answer = await ExchangeAsync(Peer.Token());

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("invalid_grant", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_peer_taken_off_the_trust_list_is_refused_without_a_restart()
    {
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(Peer.Token())).StatusCode);

        Peer.SetPeerTrusted(false);

        await Eventually.Until(() => ExchangeAsync(Peer.Token()), answer => answer.StatusCode == HttpStatusCode.BadRequest,
            TimeSpan.FromSeconds(20), "the peer's tokens to be refused");
        Peer.SetPeerTrusted(true);
    }

    [Fact]
    public async Task A_token_is_good_for_one_exchange_only()
    {
        var token = Peer.Token();
        var refusalsBefore = await Host.CountAuditAsync("token.exchange", "refused");

        var first = await ExchangeAsync(token);
        var again = await ExchangeAsync(token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("exchanged here before", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(refusalsBefore + 1, await Host.CountAuditAsync("token.exchange", "refused"));
    }

    [Fact]
    public async Task A_token_of_this_hub_itself_is_not_exchanged_into_a_guest_token()
    {
        var own = await Host.SignInAsync("researcher", "openid profile roles");

        var answer = await ExchangeAsync(own.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }
}
