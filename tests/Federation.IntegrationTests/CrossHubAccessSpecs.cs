using Federation.Contracts.Hub;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Federation.Clients.OAuth;
using Federation.Contracts;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// The researcher story across real hubs with real tokens: a researcher of Noord-Nederland signs in at home, exchanges
/// the home token at Brainport, asks for access to a restricted dataset, Brainport's staff approve, the researcher
/// downloads the file (no account at Brainport), the home hub holds the decision as a notification, and Brainport's
/// audit log holds every step.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class CrossHubAccessSpecs(FederationFixture federation)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ServiceProcess Noord => federation.Hubs["noord-nederland"];

    private ServiceProcess Brainport => federation.Hubs["brainport"];

    private ServiceProcess Amsterdam => federation.Hubs["amsterdam"];

    [Fact]
    public async Task A_researcher_of_one_hub_gets_approved_access_to_a_dataset_of_another_and_downloads_it()
    {
        var file = RandomNumberGenerator.GetBytes(300_000);
        var (dataset, artifact) = await PublishRestrictedDatasetAsync(file);
        var home = await SignInAtHomeAsync(Noord, "researcher", "brainport");
        using var guest = Bearer(Brainport, (await ExchangeAsync(Brainport, home.AccessToken)).AccessToken);

        var before = await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}");
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal("application/problem+json", before.Content.Headers.ContentType?.MediaType);

        var asked = await guest.PostAsJsonAsync($"resources/{dataset}/access-requests",
            new { purpose = "Training a wear-prediction model for a PhD project on CNC tooling.", acceptTerms = true });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal("noord-nederland", request.GetProperty("requesterHub").GetString());

        using var staff = Bearer(Brainport, (await SignInAtHomeAsync(Brainport, "staff")).AccessToken);
        var pending = await staff.GetFromJsonAsync<JsonElement>("access-requests?state=pending", Json);
        Assert.Contains(pending.EnumerateArray(), r => r.GetProperty("id").GetString() == request.GetProperty("id").GetString());
        var approved = await staff.PostAsJsonAsync($"access-requests/{request.GetProperty("id").GetString()}/approve",
            new { grantTo = "person", expiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var download = await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(file, bytes);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(file))}:", download.Headers.GetValues("Repr-Digest").Single());
        using var range = new HttpRequestMessage(HttpMethod.Get, $"resources/{dataset}/artifacts/{artifact}") { Headers = { Range = new RangeHeaderValue(1000, 1999) } };
        var partial = await guest.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(file[1000..2000], await partial.Content.ReadAsByteArrayAsync());

        using var atHome = Bearer(Noord, home.AccessToken);
        var notifications = await Eventually.Until(() => atHome.GetFromJsonAsync<JsonElement>("me/notifications", Json),
            n => n.EnumerateArray().Any(x => x.GetProperty("resourceId").GetString() == dataset.ToString() && x.GetProperty("decision").GetString() == "approved"),
            TimeSpan.FromSeconds(20), "the approval to reach the researcher's home hub");
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("fromHub").GetString() == "brainport");

        var audit = await staff.GetFromJsonAsync<JsonElement>($"audit?resourceId={dataset}&limit=1000", Json);
        var actions = audit.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("action").GetString(), r.GetProperty("outcome").GetString())).ToList();
        Assert.Contains(("artifact.downloaded", "refused"), actions);
        Assert.Contains(("access.requested", "done"), actions);
        Assert.Contains(("access.approved", "done"), actions);
        Assert.Equal(2, actions.Count(a => a == ("artifact.downloaded", "allowed")));
        Assert.All(audit.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("action").GetString() == "access.requested"),
            r => Assert.Equal("noord-nederland", r.GetProperty("actorHub").GetString()));
    }

    [Fact]
    public async Task Revoking_the_grant_cuts_access_at_the_next_request()
    {
        var (dataset, artifact) = await PublishRestrictedDatasetAsync(RandomNumberGenerator.GetBytes(1000));
        var home = await SignInAtHomeAsync(Amsterdam, "company", "brainport");
        using var guest = Bearer(Brainport, (await ExchangeAsync(Brainport, home.AccessToken)).AccessToken);
        using var staff = Bearer(Brainport, (await SignInAtHomeAsync(Brainport, "staff")).AccessToken);
        var organisation = ForgedTokens.Payload(home.AccessToken)["org_id"]!.GetValue<string>();
        var granted = await staff.PostAsJsonAsync($"resources/{dataset}/grants",
            new { granteeKind = "organisation", granteeHub = "amsterdam", granteeOrganisation = organisation, expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);

        var grant = await granted.Content.ReadFromJsonAsync<JsonElement>(Json);
        var revoked = await staff.PostAsJsonAsync($"grants/{grant.GetProperty("id").GetString()}/revoke", new { reason = "Project ended." });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);
    }

    [Fact]
    public async Task A_grant_to_a_whole_hub_admits_its_members_and_no_one_else()
    {
        var (dataset, artifact) = await PublishRestrictedDatasetAsync(RandomNumberGenerator.GetBytes(1000));
        using var staff = Bearer(Brainport, (await SignInAtHomeAsync(Brainport, "staff")).AccessToken);
        var granted = await staff.PostAsJsonAsync($"resources/{dataset}/grants",
            new { granteeKind = "hub", granteeHub = "noord-nederland", expiresAt = DateTimeOffset.UtcNow.AddSeconds(4) });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        using var noordGuest = Bearer(Brainport, (await ExchangeAsync(Brainport, (await SignInAtHomeAsync(Noord, "company", "brainport")).AccessToken)).AccessToken);
        using var amsterdamGuest = Bearer(Brainport, (await ExchangeAsync(Brainport, (await SignInAtHomeAsync(Amsterdam, "researcher", "brainport")).AccessToken)).AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await noordGuest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await amsterdamGuest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);

        // The grant expires after four seconds: from then on the same guest token opens nothing.
        await Eventually.Until(() => noordGuest.GetAsync($"resources/{dataset}/artifacts/{artifact}"),
            response => response.StatusCode == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(15), "the grant to expire");
    }

    [Fact]
    public async Task A_company_member_is_introduced_to_an_expert_of_another_hub()
    {
        var brightlands = federation.Hubs["brightlands"];
        var offer = await brightlands.CreateAsync(new
        {
            kind = "expertise", title = "Process chemistry and AI", summary = "Help with ML for chemical processes.", licence = "CC-BY-4.0",
            accessPolicy = "open", publisher = "Maastricht University", contactPoint = "expert@maastricht-university.example",
        });
        (await brightlands.Staff(HttpMethod.Post, $"resources/{offer.Id}/publish")).EnsureSuccessStatusCode();
        var publicView = await brightlands.Http.GetFromJsonAsync<JsonElement>($"resources/{offer.Id}", Json);
        Assert.Equal(JsonValueKind.Null, publicView.GetProperty("contactPoint").ValueKind);

        var home = await SignInAtHomeAsync(Amsterdam, "company", "brightlands");
        using var guest = Bearer(brightlands, (await ExchangeAsync(brightlands, home.AccessToken)).AccessToken);
        var asked = await guest.PostAsJsonAsync($"resources/{offer.Id}/introductions", new { message = "We build fintech models and need process-chemistry advice." });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var introduction = await asked.Content.ReadFromJsonAsync<JsonElement>(Json);

        using var staff = Bearer(brightlands, (await SignInAtHomeAsync(brightlands, "staff")).AccessToken);
        var accepted = await staff.PostAsJsonAsync($"introductions/{introduction.GetProperty("id").GetString()}/accept", new { });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var atHome = Bearer(Amsterdam, home.AccessToken);
        var notifications = await Eventually.Until(() => atHome.GetFromJsonAsync<JsonElement>("me/notifications", Json),
            n => n.EnumerateArray().Any(x => x.GetProperty("resourceId").GetString() == offer.Id.ToString()), TimeSpan.FromSeconds(20), "the introduction to reach home");
        var notification = notifications.EnumerateArray().First(x => x.GetProperty("resourceId").GetString() == offer.Id.ToString());
        Assert.Equal("accepted", notification.GetProperty("decision").GetString());
        Assert.Equal("expert@maastricht-university.example", notification.GetProperty("contact").GetString());
    }

    private async Task<(Guid Dataset, Guid Artifact)> PublishRestrictedDatasetAsync(byte[] file)
    {
        var dataset = await Brainport.CreateAsync(new
        {
            kind = "dataset", title = $"Spindle vibration {Guid.NewGuid():N}", summary = "Restricted machine data.", licence = "CC-BY-NC-4.0",
            accessPolicy = "approval", publisher = "Kempen Precision Parts B.V.",
        });
        (await Brainport.Staff(HttpMethod.Post, $"resources/{dataset.Id}/publish")).EnsureSuccessStatusCode();
        using var upload = new HttpRequestMessage(HttpMethod.Put, $"resources/{dataset.Id}/artifacts/vibration.bin") { Content = new ByteArrayContent(file) };
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        upload.Headers.Authorization = await Brainport.StaffAuthorizationAsync();
        var uploaded = await Brainport.Http.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var artifact = await uploaded.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), artifact.GetProperty("sha256").GetString());
        return (dataset.Id, artifact.GetProperty("id").GetGuid());
    }

    /// <summary>Signs in at the member's home hub; with a target hub, the token is also meant for it (once the home hub trusts it).</summary>
    internal static async Task<TokenResponse> SignInAtHomeAsync(ServiceProcess hub, string username, string? targetHub = null)
    {
        var scope = targetHub is null ? "openid profile roles" : $"openid profile roles hub:{targetHub}";
        return await Eventually.Until(async () =>
        {
            using var browser = HubSignIn.BrowserLikeClient(hub.BaseUrl);
            return await HubSignIn.SignInAsync(browser, username, LocalInfrastructure.DemoPassword, scope);
        }, _ => true, TimeSpan.FromSeconds(30), $"{username} to sign in at {hub.Name}");
    }

    /// <summary>Exchanges a home token at the target hub, waiting until the target hub's trust list holds the home hub.</summary>
    internal static Task<TokenResponse> ExchangeAsync(ServiceProcess target, string homeToken) =>
        Eventually.Until(() => HubSignIn.ExchangeAsync(target.Http, homeToken), _ => true, TimeSpan.FromSeconds(30), $"an exchange at {target.Name}");

    internal static HttpClient Bearer(ServiceProcess hub, string token)
    {
        var client = new HttpClient { BaseAddress = hub.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
