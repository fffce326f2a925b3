using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing;
using static Federation.Testing.FederatedSignIn;

namespace Federation.IntegrationTests;

/// <summary>Every way into another hub that must fail does: wrong issuer, wrong audience, forged, unsigned, replayed at home, elsewhere or twice, wrong role.</summary>
public sealed class TokenRejectionSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task Without_a_token_nothing_is_written_and_the_refusal_is_audited()
    {
        var refusalsBefore = await CountRefusalsAsync(Brainport);

        var response = await Brainport.Http.PostAsJsonAsync("resources", FederationClient.Dataset("anonymous attempt"), FederationJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(refusalsBefore + 1, await CountRefusalsAsync(Brainport));
        var list = await Brainport.HubClient().ListResourcesAsync(Cancellation, pageSize: 200).EnsureSuccessAsync();
        Assert.DoesNotContain(list.Items, item => item.Title == "anonymous attempt");
    }

    private static async Task<int> CountRefusalsAsync(ServiceProcess hub) =>
        (await hub.StaffClient().AuditAsync(new AuditFilter(Action: "request.refused", Limit: 1000), Cancellation).EnsureSuccessAsync()).Items.Count;

    [Fact]
    public async Task A_home_token_of_another_hub_is_not_accepted_by_the_api_directly()
    {
        var home = await AtHomeAsync(Noord, "staff");
        var client = Brainport.HubClient(home.AccessToken);

        var response = await client.CreateResourceAsync(FederationClient.Dataset("foreign staff attempt"), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Staff_of_one_hub_are_only_guests_at_another()
    {
        var home = await AtHomeAsync(Noord, "staff");
        var guest = await GuestTokenAsync(Noord, Brainport, home.AccessToken);
        var client = Brainport.HubClient(guest.AccessToken);

        var created = await client.CreateResourceAsync(FederationClient.Dataset("guest staff attempt"), Cancellation);
        var listed = await client.ListAccessRequestsAsync(state: null, resourceId: null, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, created.Status);
        Assert.Equal(HttpStatusCode.Forbidden, listed.Status);
        Assert.DoesNotContain("hub-staff", ForgedTokens.Payload(guest.AccessToken).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guest_token_of_one_hub_opens_nothing_at_a_third()
    {
        var home = await AtHomeAsync(Noord, "researcher");
        var guest = await GuestTokenAsync(Noord, Brainport, home.AccessToken);
        var atAmsterdam = Amsterdam.HubClient(guest.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await atAmsterdam.MyAccessRequestsAsync(Cancellation)).Status);
        await AssertExchangeRefusedAsync(Amsterdam, guest.AccessToken);
    }

    [Fact]
    public async Task A_home_token_is_exchanged_at_no_other_hub()
    {
        var home = await AtHomeAsync(Noord, "staff");
        // The trust lists name each other, so the refusals below are the audience's doing.
        await GuestTokenAsync(Noord, Brainport, home.AccessToken);

        await AssertExchangeRefusedAsync(Brainport, home.AccessToken);
        await AssertExchangeRefusedAsync(Amsterdam, home.AccessToken);
    }

    [Fact]
    public async Task A_token_the_home_hub_made_for_one_hub_cannot_be_replayed_at_the_home_hub_a_third_hub_or_twice()
    {
        var home = await AtHomeAsync(Noord, "staff");
        var forBrainport = (await OnwardTokenAsync(Noord, Brainport, home.AccessToken)).AccessToken;

        // What Brainport (or anyone who copied the token there) could try with it:
        Assert.Equal(HttpStatusCode.Unauthorized, (await Noord.HubClient(forBrainport).MyAccessRequestsAsync(Cancellation)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Noord.HubClient(forBrainport).CreateResourceAsync(FederationClient.Dataset("replayed at home"), Cancellation)).Status);
        await AssertOnwardRefusedAsync(Noord, forBrainport, "hub:amsterdam");
        await AssertExchangeRefusedAsync(Amsterdam, forBrainport);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Amsterdam.HubClient(forBrainport).MyAccessRequestsAsync(Cancellation)).Status);

        // At Brainport it is good once: a second exchange of the same token is refused.
        var guest = await HubSignIn.RequestTokenAsync(Brainport.Http, HubSignIn.ExchangeForm(forBrainport));
        await AssertExchangeRefusedAsync(Brainport, forBrainport);

        // And the guest token Brainport issued opens nothing at the member's home hub.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Noord.HubClient(guest.AccessToken).MyAccessRequestsAsync(Cancellation)).Status);
        await AssertExchangeRefusedAsync(Noord, guest.AccessToken);
        await AssertOnwardRefusedAsync(Noord, guest.AccessToken, "hub:amsterdam");
    }

    [Fact]
    public async Task Forged_tampered_and_unsigned_tokens_cannot_be_exchanged()
    {
        var home = await AtHomeAsync(Noord, "researcher");
        // Genuine and meant for Brainport, so each refusal below is the forgery's doing.
        var genuine = (await OnwardTokenAsync(Noord, Brainport, home.AccessToken)).AccessToken;

        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.Resigned(genuine));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.Tampered(genuine, payload => payload["home_hub"] = "brainport"));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.Tampered(genuine, payload => payload["aud"] = new System.Text.Json.Nodes.JsonArray("hub:brainport", "hub:amsterdam")));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.Unsigned(genuine));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.WithClaims(genuine, payload => payload["iss"] = "http://127.0.0.1:1/"));
        await AssertExchangeRefusedAsync(Brainport, ForgedTokens.WithClaims(genuine, payload => payload["exp"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds()));
        // The control: the genuine token itself is accepted.
        Assert.False(string.IsNullOrEmpty((await HubSignIn.RequestTokenAsync(Brainport.Http, HubSignIn.ExchangeForm(genuine))).AccessToken));
    }

    [Fact]
    public async Task Nobody_decides_their_own_access_request()
    {
        var dataset = await Brainport.CreateAsync(new ResourceInput
        {
            Kind = "dataset", Title = $"Self approval {Guid.NewGuid():N}", Summary = "x", Licence = "CC-BY-4.0", AccessPolicy = "approval", Publisher = "TU/e",
        });
        await Brainport.PublishAsync(dataset.Id);
        var token = (await AtHomeAsync(Brainport, "staff")).AccessToken;
        var staff = Brainport.HubClient(token);
        var request = await staff.RequestAccessAsync(dataset.Id, new AccessRequestInput("I would like to approve this myself, please.", AcceptTerms: true), Cancellation)
            .EnsureSuccessAsync();

        // Sent as it is, for the refusal's media type.
        using var own = CrossHubAccessSpecs.Bearer(Brainport, token);
        var approved = await own.PostAsJsonAsync($"access-requests/{request.Id}/approve",
            new ApprovalInput(GrantTo: null, DateTimeOffset.UtcNow.AddDays(1), Reason: null), FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, approved.StatusCode);
        Assert.Equal("application/problem+json", approved.Content.Headers.ContentType?.MediaType);
        var grants = await staff.ListGrantsAsync(dataset.Id, live: null, Cancellation).EnsureSuccessAsync();
        Assert.Empty(grants);
    }

    private static async Task AssertOnwardRefusedAsync(ServiceProcess hub, string token, string audience)
    {
        var response = await hub.Http.PostAsync("connect/token", new FormUrlEncodedContent(HubSignIn.OnwardForm(token, audience)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task AssertExchangeRefusedAsync(ServiceProcess target, string token)
    {
        var response = await target.Http.PostAsync("connect/token", new FormUrlEncodedContent(HubSignIn.ExchangeForm(token)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }
}
