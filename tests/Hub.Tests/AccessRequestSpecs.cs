using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>Asking for access, being denied with a reason, hearing of it at home, and asking again; bad requests refused by field.</summary>
public sealed class AccessRequestSpecs : SpecsOnAFresh<HubHost>
{
    private static readonly AccessRequestInput Purpose = new("A purpose that is long enough to be read and judged.", AcceptTerms: true);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_denied_person_is_told_why_at_home_and_may_ask_again()
    {
        var resource = await PublishAsync("approval");
        using var researcher = await Host.CreateClientAsync("researcher");
        using var staff = await Host.CreateClientAsync("staff");
        var member = new HubClient(researcher);
        var purpose = new AccessRequestInput("Benchmarking defect detection models for my thesis.", AcceptTerms: true);

        var first = (await member.RequestAccessAsync(resource, purpose, Cancellation)).EnsureSuccess();
        var duplicate = await member.RequestAccessAsync(resource, purpose, Cancellation);
        var denied = await new HubClient(staff).DenyAccessAsync(first.Id, new DenialInput("The data may not leave the consortium this year."), Cancellation);
        var again = await member.RequestAccessAsync(resource, purpose, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal(HttpStatusCode.OK, denied.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        var notifications = await Eventually.Until(() => researcher.GetFromJsonAsync<JsonElement>("/me/notifications"),
            n => n.GetArrayLength() > 0, TimeSpan.FromSeconds(20), "the denial to arrive as a notification");
        var notification = notifications[0];
        Assert.Equal("denied", notification.GetProperty("decision").GetString());
        Assert.Equal("The data may not leave the consortium this year.", notification.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await researcher.PostAsync($"/me/notifications/{notification.GetProperty("id").GetString()}/read", null)).StatusCode);
        Assert.Equal(0, (await researcher.GetFromJsonAsync<JsonElement>("/me/notifications?unread=true")).GetArrayLength());
    }

    [Theory]
    [InlineData("too short", true, "purpose")]
    [InlineData(null, true, "purpose")]
    [InlineData("A purpose that is long enough to be read and judged.", false, "acceptTerms")]
    public async Task A_request_without_a_real_purpose_or_accepted_terms_is_refused_by_field(string? purpose, bool acceptTerms, string field)
    {
        var resource = await PublishAsync("approval");
        using var researcher = await Host.CreateClientAsync("researcher");

        // Sent over HTTP directly: the spec reads the problem's JSON as the hub wrote it.
        var response = await researcher.PostAsJsonAsync($"/resources/{resource}/access-requests", new AccessRequestInput(purpose, acceptTerms),
            FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await Host.CountAsync("access_requests"));
    }

    [Fact]
    public async Task Access_is_asked_only_for_approval_resources()
    {
        var resource = await PublishAsync("open");
        using var researcher = await Host.CreateClientAsync("researcher");

        var response = await new HubClient(researcher).RequestAccessAsync(resource, Purpose, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
    }

    [Fact]
    public async Task Approval_needs_an_end_date_within_two_years()
    {
        var resource = await PublishAsync("approval");
        using var researcher = await Host.CreateClientAsync("researcher");
        using var staffClient = await Host.CreateClientAsync("staff");
        var staff = new HubClient(staffClient);
        var request = (await new HubClient(researcher).RequestAccessAsync(resource, Purpose, Cancellation)).EnsureSuccess();

        var forever = await staff.ApproveAccessAsync(request.Id, new ApprovalInput("person", DateTimeOffset.UtcNow.AddYears(5), Reason: null), Cancellation);
        var past = await staff.ApproveAccessAsync(request.Id, new ApprovalInput("person", DateTimeOffset.UtcNow.AddDays(-1), Reason: null), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, forever.Status);
        Assert.Equal(HttpStatusCode.BadRequest, past.Status);
        Assert.Equal(0, await Host.CountAsync("access_grants"));
    }

    private async Task<Guid> PublishAsync(string accessPolicy)
    {
        using var staff = await Host.CreateClientAsync("staff");
        return await new HubClient(staff).PublishedAsync(ResourceJson.Minimal("dataset", "Wafer defect images", accessPolicy, "ASML"));
    }
}
