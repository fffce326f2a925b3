using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Compute;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing;
using static Federation.Testing.FederatedSignIn;

namespace Federation.IntegrationTests;

/// <summary>The steps the compute specs take again and again: open a call, apply, endorse, sign in, read the audit log.</summary>
public sealed class ComputeSteps(ComputeFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ServiceProcess Brainport => fixture.Brainport;

    private ServiceProcess Factory => fixture.Factory;

    /// <summary>An application of a Brainport member, endorsed at home, received, reviewed as the call asks and awarded by the factory.</summary>
    public async Task<(ComputeApplication Application, ComputeAllocationGrant Grant)> AwardedAsync(long hours, long awarded)
    {
        var call = await OpenCallAsync(capacity: hours * 2, requiredReviews: 0);
        var application = await EndorsedAsync(call, "company", hours, "start-up");
        using var factoryStaff = await SignedInAsync(Factory, "staff");
        await Eventually.Until(() => factoryStaff.GetAsync($"applications/{application.Id}", Cancellation), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30),
            "the application at the factory");
        var decided = await factoryStaff.PostAsJsonAsync($"applications/{application.Id}/award", Award(awarded), FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        using var member = await SignedInAsync(Brainport, "company");
        var atHome = await Eventually.Until(
            () => member.GetFromJsonAsync<ComputeApplication>($"me/compute-applications/{application.Id}", FederationJson.Options, Cancellation),
            a => a!.State == ComputeApplication.Awarded, TimeSpan.FromSeconds(30), "the award at home");
        return (atHome!, atHome!.Allocation!);
    }

    public async Task<ComputeApplication> EndorsedAsync(ComputeCall call, string username, long hours, string organisationType, bool namePublicly = true)
    {
        using var member = await SignedInAsync(Brainport, username);
        var created = await member.PostAsJsonAsync("me/compute-applications", Application(call, hours, organisationType, namePublicly), FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var application = (await created.Content.ReadFromJsonAsync<ComputeApplication>(FederationJson.Options, Cancellation))!;
        using var homeStaff = await SignedInAsync(Brainport, "staff");
        Assert.Equal(HttpStatusCode.OK, (await homeStaff.PostAsJsonAsync($"compute-applications/{application.Id}/endorse", new EndorsementInput(true, null),
            FederationJson.Options, Cancellation)).StatusCode);
        return application;
    }

    public async Task<ComputeCall> OpenCallAsync(long capacity, int requiredReviews, DateTimeOffset? deadline = null)
    {
        using var factoryStaff = await SignedInAsync(Factory, "staff");
        var opened = await factoryStaff.PostAsJsonAsync("calls", CallFor(await OfferAsync(), capacity, requiredReviews, deadline ?? DateTimeOffset.UtcNow.AddDays(30)),
            FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<ComputeCall>(FederationJson.Options, Cancellation))!;
    }

    public static CallInput CallFor(Guid offer, long capacity, int requiredReviews, DateTimeOffset deadline) => new(
        offer, $"Open call {Guid.NewGuid():N}", "Large allocations for AI training.", "call", capacity, ["start-up", "sme", "research"], deadline, requiredReviews,
        DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(400)));

    public static ApplicationInput Application(ComputeCall call, long hours, string organisationType = "start-up", bool namePublicly = true) => new(
        LocalFederation.Facility.Id, call.Id, "Foundation model for wafer inspection",
        "We fine-tune a vision foundation model on wafer images to find defects earlier, and publish the model in the federation.",
        hours, call.AllocationStart, call.AllocationStart.AddDays(90), organisationType, "C", "NL-NB", namePublicly, [], "minimal", false, []);

    public static AwardInput Award(long hours) => new(hours, "gpu-h100", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(89)));

    // The factory's offer that has calls, as the catalogue holds it.
    public async Task<Guid> OfferAsync() =>
        (await fixture.Federation.Catalogue.SearchAsync("kind=compute&accessMode=call")).Items.Single().Id;

    public async Task<Guid> BrainportDatasetAsync() =>
        (await fixture.Federation.Catalogue.SearchAsync("hub=brainport&kind=dataset&pageSize=1")).Items.Single().Id;

    // Tokens are kept until shortly before they expire: signing in for every step would run into the hubs' sign-in rate limit.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Uri Hub, string Username), (string Token, DateTimeOffset Until)> Tokens = new();

    /// <summary>A client of <paramref name="hub"/> with the token of its demo account <paramref name="username"/>, signed in as people do.</summary>
    public static async Task<HttpClient> SignedInAsync(ServiceProcess hub, string username)
    {
        if (!Tokens.TryGetValue((hub.BaseUrl, username), out var held) || held.Until < DateTimeOffset.UtcNow)
        {
            var token = await AtHomeAsync(hub, username);
            held = (token.AccessToken, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn - 60));
            Tokens[(hub.BaseUrl, username)] = held;
        }

        return CrossHubAccessSpecs.Bearer(hub, held.Token);
    }

    public static async Task<List<string>> AuditActionsAsync(HttpClient staff, Guid applicationId)
    {
        var page = await staff.GetFromJsonAsync<AuditPage>("audit?action=compute-application&limit=500", FederationJson.Options, Cancellation);
        return [.. page!.Items.Where(record => record.Target == applicationId.ToString()).OrderBy(record => record.Id).Select(record => record.Action)];
    }
}
