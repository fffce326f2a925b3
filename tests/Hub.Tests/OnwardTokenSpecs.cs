using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>
/// The home hub's half of a call elsewhere: a member's own token becomes a short token meant for exactly one other
/// hub of the trust list. Nothing else becomes one (a token for another hub, a guest's, a service's), nothing but
/// one other trusted hub is a valid audience, and this hub's own API refuses what it issued for another hub.
/// </summary>
public sealed class OnwardTokenSpecs : PeerHubSpecs
{
    [Fact]
    public async Task A_members_token_becomes_a_short_token_for_one_other_hub_that_this_hub_refuses()
    {
        var home = await Host.SignInAsync("researcher", "openid profile email roles");
        var issuedBefore = await Host.CountAuditAsync("token.onward", "done");

        var answer = await PostAsync(HubSignIn.OnwardForm(home.AccessToken, $"hub:{FakePeerHub.PeerId}"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refresh_token", out _));
        var onward = body.GetProperty("access_token").GetString()!;
        var claims = ForgedTokens.Payload(onward);
        Assert.Equal($"hub:{FakePeerHub.PeerId}", claims["aud"]!.GetValue<string>());
        Assert.Equal("brainport", claims["home_hub"]!.GetValue<string>());
        Assert.False(claims.ContainsKey("email"));
        Assert.False(claims.ContainsKey("hub_stamp"), "the security stamp is a secret of the home hub's sign-in");
        Assert.False(string.IsNullOrEmpty(claims["jti"]?.GetValue<string>()));
        Assert.True(claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>() <= 120);
        Assert.Equal(issuedBefore + 1, await Host.CountAuditAsync("token.onward", "done"));

        // Not a token of this hub's API, and not a way to the next hub.
        using var api = Host.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", onward);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/me/access-requests")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(HubSignIn.OnwardForm(onward, $"hub:{FakePeerHub.PeerId}"))).StatusCode);
    }

    public static TheoryData<string> WrongAudiences =>
    [
        "none", "this hub itself", "a hub not on the trust list", "two hubs", "not a hub",
    ];

    [Theory]
    [MemberData(nameof(WrongAudiences))]
    public async Task Only_one_other_trusted_hub_is_a_valid_audience(string wrong)
    {
        var home = await Host.SignInAsync("researcher");
        string[] audiences = wrong switch
        {
            "none" => [],
            "this hub itself" => ["hub:brainport"],
            "a hub not on the trust list" => ["hub:atlantis"],
            "two hubs" => [$"hub:{FakePeerHub.PeerId}", "hub:brainport"],
            _ => ["https://Peer.test/"],
        };
        var refusedBefore = await Host.CountAuditAsync("token.onward", "refused");

        var answer = await PostAsync(HubSignIn.OnwardForm(home.AccessToken, audiences));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("invalid_target", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(refusedBefore + 1, await Host.CountAuditAsync("token.onward", "refused"));
    }

    [Fact]
    public async Task A_service_token_is_never_turned_into_a_token_for_another_hub()
    {
        using var client = Host.CreateClient();
        var service = await HubSignIn.ClientCredentialsAsync(client, LocalInfrastructure.ServiceClientId, LocalInfrastructure.ServiceClientSecret);

        var answer = await PostAsync(HubSignIn.OnwardForm(service.AccessToken, $"hub:{FakePeerHub.PeerId}"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("invalid_grant", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_guests_token_here_is_never_turned_into_a_token_for_another_hub()
    {
        using var client = Host.CreateClient();
        var exchanged = await client.PostAsync("/connect/token", new FormUrlEncodedContent(HubSignIn.ExchangeForm(Peer.Token())));
        var guest = (await exchanged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        var answer = await PostAsync(HubSignIn.OnwardForm(guest, $"hub:{FakePeerHub.PeerId}"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("invalid_grant", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_sign_in_for_several_hubs_at_once_is_no_longer_offered()
    {
        using var browser = Host.CreateBrowser();

        var answer = await browser.GetAsync(HubSignIn.AuthorizationRequest($"openid hub:{FakePeerHub.PeerId}").Url);

        // Refused before anyone signs in: back to the client with the error, not to the sign-in form.
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith(HubSignIn.CliRedirect.AbsoluteUri, answer.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("error=invalid_scope", answer.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_token_for_several_hubs_at_once_is_no_longer_offered()
    {
        using var client = Host.CreateClient();

        var refusal = await Record.ExceptionAsync(() => HubSignIn.ClientCredentialsAsync(
            client, LocalInfrastructure.ServiceClientId, LocalInfrastructure.ServiceClientSecret, $"hub:{FakePeerHub.PeerId}"));

        var refused = Assert.IsType<TokenRefusedException>(refusal);
        Assert.Equal("invalid_scope", refused.Refusal.Error);
    }

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form)
    {
        using var client = Host.CreateClient();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }
}
