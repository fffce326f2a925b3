using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>Asking for access, being denied with a reason, hearing of it at home, and asking again; bad requests refused by field.</summary>
public sealed class AccessRequestSpecs : IAsyncLifetime
{
    private HubHost hub = null!;

    public async ValueTask InitializeAsync() => hub = await HubHost.StartAsync();

    public async ValueTask DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task A_denied_person_is_told_why_at_home_and_may_ask_again()
    {
        var resource = await PublishAsync("approval");
        using var researcher = await hub.CreateClientAsync("researcher");
        using var staff = await hub.CreateClientAsync("staff");
        var purpose = new { purpose = "Benchmarking defect detection models for my thesis.", acceptTerms = true };

        var first = await (await researcher.PostAsJsonAsync($"/resources/{resource}/access-requests", purpose)).Content.ReadFromJsonAsync<JsonElement>();
        var duplicate = await researcher.PostAsJsonAsync($"/resources/{resource}/access-requests", purpose);
        var denied = await staff.PostAsJsonAsync($"/access-requests/{first.GetProperty("id").GetString()}/deny", new { reason = "The data may not leave the consortium this year." });
        var again = await researcher.PostAsJsonAsync($"/resources/{resource}/access-requests", purpose);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
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
        using var researcher = await hub.CreateClientAsync("researcher");

        var response = await researcher.PostAsJsonAsync($"/resources/{resource}/access-requests", new { purpose, acceptTerms });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, await hub.CountAsync("access_requests"));
    }

    [Fact]
    public async Task Access_is_asked_only_for_approval_resources()
    {
        var resource = await PublishAsync("open");
        using var researcher = await hub.CreateClientAsync("researcher");

        var response = await researcher.PostAsJsonAsync($"/resources/{resource}/access-requests",
            new { purpose = "A purpose that is long enough to be read and judged.", acceptTerms = true });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Approval_needs_an_end_date_within_two_years()
    {
        var resource = await PublishAsync("approval");
        using var researcher = await hub.CreateClientAsync("researcher");
        using var staff = await hub.CreateClientAsync("staff");
        var request = await (await researcher.PostAsJsonAsync($"/resources/{resource}/access-requests",
            new { purpose = "A purpose that is long enough to be read and judged.", acceptTerms = true })).Content.ReadFromJsonAsync<JsonElement>();

        var forever = await staff.PostAsJsonAsync($"/access-requests/{request.GetProperty("id").GetString()}/approve", new { grantTo = "person", expiresAt = DateTimeOffset.UtcNow.AddYears(5) });
        var past = await staff.PostAsJsonAsync($"/access-requests/{request.GetProperty("id").GetString()}/approve", new { grantTo = "person", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, forever.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(0, await hub.CountAsync("access_grants"));
    }

    private async Task<Guid> PublishAsync(string accessPolicy)
    {
        using var staff = await hub.CreateClientAsync("staff");
        var created = await (await staff.PostAsJsonAsync("/resources", new
        {
            kind = "dataset", title = "Wafer defect images", licence = "CC-BY-4.0", accessPolicy, publisher = "ASML",
        })).ReadResourceAsync();
        (await staff.PostAsync($"/resources/{created.Id}/publish", null)).EnsureSuccessStatusCode();
        return created.Id;
    }
}
