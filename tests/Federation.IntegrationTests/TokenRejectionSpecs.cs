using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using static Federation.IntegrationTests.CrossHubAccessSpecs;

namespace Federation.IntegrationTests;

/// <summary>Every way into another hub that must fail does: wrong issuer, wrong audience, forged, unsigned, replayed elsewhere, wrong role.</summary>
[Collection(FederationCollection.Name)]
public sealed class TokenRejectionSpecs(FederationFixture federation)
{
    private ServiceProcess Noord => federation.Hubs["noord-nederland"];

    private ServiceProcess Brainport => federation.Hubs["brainport"];

    private ServiceProcess Amsterdam => federation.Hubs["amsterdam"];

    [Fact]
    public async Task Without_a_token_nothing_is_written_and_the_refusal_is_audited()
    {
        var refusalsBefore = await CountRefusalsAsync(Brainport);

        var response = await Brainport.Http.PostAsJsonAsync("resources", FederationClient.Dataset("anonymous attempt"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(refusalsBefore + 1, await CountRefusalsAsync(Brainport));
        var list = await Brainport.Http.GetFromJsonAsync<JsonElement>("resources?pageSize=200");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("title").GetString() == "anonymous attempt");
    }

    private static async Task<int> CountRefusalsAsync(ServiceProcess hub)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "audit?action=request.refused&limit=1000");
        request.Headers.Authorization = await hub.StaffAuthorizationAsync();
        using var response = await hub.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength();
    }

    [Fact]
    public async Task A_home_token_of_another_hub_is_not_accepted_by_the_api_directly()
    {
        var home = await SignInAtHomeAsync(Noord, "staff", "brainport");
        using var client = Bearer(Brainport, home.AccessToken);

        var response = await client.PostAsJsonAsync("resources", FederationClient.Dataset("foreign staff attempt"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Staff_of_one_hub_are_only_guests_at_another()
    {
        var home = await SignInAtHomeAsync(Noord, "staff", "brainport");
        var guest = await ExchangeAsync(Brainport, home.AccessToken);
        using var client = Bearer(Brainport, guest.AccessToken);

        var created = await client.PostAsJsonAsync("resources", FederationClient.Dataset("guest staff attempt"));
        var listed = await client.GetAsync("access-requests");

        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
        Assert.DoesNotContain("hub-staff", ForgedTokens.Payload(guest.AccessToken).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guest_token_of_one_hub_opens_nothing_at_a_third()
    {
        var home = await SignInAtHomeAsync(Noord, "researcher", "brainport");
        var guest = await ExchangeAsync(Brainport, home.AccessToken);
        using var atAmsterdam = Bearer(Amsterdam, guest.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await atAmsterdam.GetAsync("me/access-requests")).StatusCode);
        await AssertExchangeRefusedAsync(Amsterdam, guest.AccessToken);
    }

    [Fact]
    public async Task A_home_token_not_meant_for_the_target_hub_cannot_be_exchanged_there()
    {
        var home = await SignInAtHomeAsync(Noord, "researcher", "brainport");

        await AssertExchangeRefusedAsync(Amsterdam, home.AccessToken);
    }

    [Fact]
    public async Task Forged_tampered_and_unsigned_tokens_cannot_be_exchanged()
    {
        var home = await SignInAtHomeAsync(Noord, "researcher", "brainport");
        await ExchangeAsync(Brainport, home.AccessToken);

        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.Resigned(home.AccessToken));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.Tampered(home.AccessToken, payload => payload["home_hub"] = "brainport"));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.Unsigned(home.AccessToken));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.WithClaims(home.AccessToken, payload => payload["iss"] = "http://127.0.0.1:1/"));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.WithClaims(home.AccessToken, payload => payload["exp"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Nobody_decides_their_own_access_request()
    {
        var dataset = await Brainport.CreateAsync(new
        {
            kind = "dataset", title = $"Self approval {Guid.NewGuid():N}", summary = "x", licence = "CC-BY-4.0", accessPolicy = "approval", publisher = "TU/e",
        });
        (await Brainport.Staff(HttpMethod.Post, $"resources/{dataset.Id}/publish")).EnsureSuccessStatusCode();
        using var staff = Bearer(Brainport, (await SignInAtHomeAsync(Brainport, "staff")).AccessToken);
        var asked = await staff.PostAsJsonAsync($"resources/{dataset.Id}/access-requests", new { purpose = "I would like to approve this myself, please.", acceptTerms = true });
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>();

        var approved = await staff.PostAsJsonAsync($"access-requests/{request.GetProperty("id").GetString()}/approve", new { expiresAt = DateTimeOffset.UtcNow.AddDays(1) });

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
        Assert.Equal("application/problem+json", approved.Content.Headers.ContentType?.MediaType);
        var grants = await staff.GetFromJsonAsync<JsonElement>($"grants?resourceId={dataset.Id}");
        Assert.Equal(0, grants.GetArrayLength());
    }

    private static async Task AssertExchangeRefusedAsync(ServiceProcess target, string token)
    {
        var response = await target.Http.PostAsync("connect/token", new FormUrlEncodedContent(HubSignIn.ExchangeForm(token)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }
}
