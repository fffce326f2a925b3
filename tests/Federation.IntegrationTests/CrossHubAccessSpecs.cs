using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing;
using static Federation.Testing.FederatedSignIn;

namespace Federation.IntegrationTests;

/// <summary>
/// The researcher story across real hubs with real tokens: a researcher of Noord-Nederland signs in at home, exchanges
/// the home token at Brainport, asks for access to a restricted dataset, Brainport's staff approve, the researcher
/// downloads the file (no account at Brainport), the home hub holds the decision as a notification, and Brainport's
/// audit log holds every step.
/// </summary>
public sealed class CrossHubAccessSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_researcher_of_one_hub_gets_approved_access_to_a_dataset_of_another_and_downloads_it()
    {
        var file = RandomNumberGenerator.GetBytes(300_000);
        var (dataset, artifact) = await PublishRestrictedDatasetAsync(file);
        var home = await AtHomeAsync(Noord, "researcher");
        var guestToken = (await GuestTokenAsync(Noord, Brainport, home.AccessToken)).AccessToken;
        using var guest = Bearer(Brainport, guestToken);

        var before = await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}");
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal("application/problem+json", before.Content.Headers.ContentType?.MediaType);

        var asked = await Brainport.HubClient(guestToken).RequestAccessAsync(dataset,
            new AccessRequestInput("Training a wear-prediction model for a PhD project on CNC tooling.", AcceptTerms: true), Cancellation);
        Assert.Equal(HttpStatusCode.Created, asked.Status);
        var request = asked.Value!;
        Assert.Equal("noord-nederland", request.RequesterHub);

        var staff = Brainport.HubClient((await AtHomeAsync(Brainport, "staff")).AccessToken);
        var pending = await staff.ListAccessRequestsAsync("pending", resourceId: null, Cancellation).EnsureSuccessAsync();
        Assert.Contains(pending, r => r.Id == request.Id);
        var approved = await staff.ApproveAccessAsync(request.Id, new ApprovalInput(Grant.Person, DateTimeOffset.UtcNow.AddDays(30), Reason: null), Cancellation);
        Assert.Equal(HttpStatusCode.OK, approved.Status);

        var download = await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(file, bytes);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(file))}:", download.Headers.GetValues("Repr-Digest").Single());
        using var range = new HttpRequestMessage(HttpMethod.Get, $"resources/{dataset}/artifacts/{artifact}") { Headers = { Range = new RangeHeaderValue(1000, 1999) } };
        var partial = await guest.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(file[1000..2000], await partial.Content.ReadAsByteArrayAsync());

        var atHome = Noord.HubClient(home.AccessToken);
        var notifications = await Eventually.Until(() => atHome.MyNotificationsAsync(unread: null, Cancellation).EnsureSuccessAsync(),
            n => n.Any(x => x.ResourceId == dataset && x.Decision == "approved"),
            TimeSpan.FromSeconds(20), "the approval to reach the researcher's home hub");
        Assert.Contains(notifications, n => n.FromHub == "brainport");

        var audit = await staff.AuditAsync(new AuditFilter(ResourceId: dataset, Limit: 1000), Cancellation).EnsureSuccessAsync();
        var actions = audit.Items.Select(r => (r.Action, r.Outcome)).ToList();
        Assert.Contains(("artifact.downloaded", "refused"), actions);
        Assert.Contains(("access.requested", "done"), actions);
        Assert.Contains(("access.approved", "done"), actions);
        Assert.Equal(2, actions.Count(a => a == ("artifact.downloaded", "allowed")));
        Assert.All(audit.Items.Where(r => r.Action == "access.requested"), r => Assert.Equal("noord-nederland", r.ActorHub));
    }

    [Fact]
    public async Task Revoking_the_grant_cuts_access_at_the_next_request()
    {
        var (dataset, artifact) = await PublishRestrictedDatasetAsync(RandomNumberGenerator.GetBytes(1000));
        var home = await AtHomeAsync(Amsterdam, "company");
        using var guest = Bearer(Brainport, (await GuestTokenAsync(Amsterdam, Brainport, home.AccessToken)).AccessToken);
        var staff = Brainport.HubClient((await AtHomeAsync(Brainport, "staff")).AccessToken);
        var organisation = ForgedTokens.Payload(home.AccessToken)["org_id"]!.GetValue<string>();
        var granted = await staff.GrantAsync(dataset,
            new GrantInput(Grant.Organisation, "amsterdam", GranteeSubject: null, organisation, DateTimeOffset.UtcNow.AddDays(1)), Cancellation);
        Assert.Equal(HttpStatusCode.Created, granted.Status);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);

        var revoked = await staff.RevokeGrantAsync(granted.Value!.Id, new RevocationInput("Project ended."), Cancellation);
        Assert.Equal(HttpStatusCode.OK, revoked.Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);
    }

    [Fact]
    public async Task A_grant_to_a_whole_hub_admits_its_members_and_no_one_else()
    {
        var (dataset, artifact) = await PublishRestrictedDatasetAsync(RandomNumberGenerator.GetBytes(1000));
        var staff = Brainport.HubClient((await AtHomeAsync(Brainport, "staff")).AccessToken);
        // The guests' tokens first: the grant's four seconds are for the reads alone, not for signing in.
        using var noordGuest = Bearer(Brainport, (await GuestTokenAsync(Noord, Brainport, (await AtHomeAsync(Noord, "company")).AccessToken)).AccessToken);
        using var amsterdamGuest = Bearer(Brainport, (await GuestTokenAsync(Amsterdam, Brainport, (await AtHomeAsync(Amsterdam, "researcher")).AccessToken)).AccessToken);
        var granted = await staff.GrantAsync(dataset,
            new GrantInput(Grant.WholeHub, "noord-nederland", GranteeSubject: null, GranteeOrganisation: null, DateTimeOffset.UtcNow.AddSeconds(4)), Cancellation);
        Assert.Equal(HttpStatusCode.Created, granted.Status);

        Assert.Equal(HttpStatusCode.OK, (await noordGuest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await amsterdamGuest.GetAsync($"resources/{dataset}/artifacts/{artifact}")).StatusCode);

        // The grant expires after four seconds: from then on the same guest token opens nothing.
        await Eventually.Until(() => noordGuest.GetAsync($"resources/{dataset}/artifacts/{artifact}"),
            response => response.StatusCode == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(15), "the grant to expire");
    }

    [Fact]
    public async Task A_company_member_is_introduced_to_an_expert_of_another_hub()
    {
        var brightlands = Hub("brightlands");
        var offer = await brightlands.CreateAsync(new ResourceInput
        {
            Kind = "expertise", Title = "Process chemistry and AI", Summary = "Help with ML for chemical processes.", Licence = "CC-BY-4.0",
            AccessPolicy = "open", Publisher = "Maastricht University", ContactPoint = "expert@maastricht-university.example",
        });
        await brightlands.PublishAsync(offer.Id);
        // The public view as JSON: the contact point is there, and empty, until an introduction is accepted.
        var publicView = await brightlands.Http.GetFromJsonAsync<JsonElement>($"resources/{offer.Id}", Json);
        Assert.Equal(JsonValueKind.Null, publicView.GetProperty("contactPoint").ValueKind);

        var home = await AtHomeAsync(Amsterdam, "company");
        var guest = brightlands.HubClient((await GuestTokenAsync(Amsterdam, brightlands, home.AccessToken)).AccessToken);
        var asked = await guest.AskIntroductionAsync(offer.Id, new IntroductionInput("We build fintech models and need process-chemistry advice."), Cancellation);
        Assert.Equal(HttpStatusCode.Created, asked.Status);

        var staff = brightlands.HubClient((await AtHomeAsync(brightlands, "staff")).AccessToken);
        var accepted = await staff.AcceptIntroductionAsync(asked.Value!.Id, new DecisionInput(Reason: null), Cancellation);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);

        var atHome = Amsterdam.HubClient(home.AccessToken);
        var notifications = await Eventually.Until(() => atHome.MyNotificationsAsync(unread: null, Cancellation).EnsureSuccessAsync(),
            n => n.Any(x => x.ResourceId == offer.Id), TimeSpan.FromSeconds(20), "the introduction to reach home");
        var notification = notifications.First(x => x.ResourceId == offer.Id);
        Assert.Equal("accepted", notification.Decision);
        Assert.Equal("expert@maastricht-university.example", notification.Contact);
    }

    private async Task<(Guid Dataset, Guid Artifact)> PublishRestrictedDatasetAsync(byte[] file)
    {
        var dataset = await Brainport.CreateAsync(new ResourceInput
        {
            Kind = "dataset", Title = $"Spindle vibration {Guid.NewGuid():N}", Summary = "Restricted machine data.", Licence = "CC-BY-NC-4.0",
            AccessPolicy = "approval", Publisher = "Kempen Precision Parts B.V.",
        });
        await Brainport.PublishAsync(dataset.Id);
        var uploaded = await Brainport.StaffClient().UploadArtifactAsync(dataset.Id, "vibration.bin", new MemoryStream(file), "application/octet-stream",
            file.Length, Cancellation);
        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), uploaded.Value!.Sha256);
        return (dataset.Id, uploaded.Value.Id);
    }

    /// <summary>A raw client with the token, for downloads whose status, headers and bytes a spec checks as they came.</summary>
    internal static HttpClient Bearer(ServiceProcess hub, string token)
    {
        var client = new HttpClient { BaseAddress = hub.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
