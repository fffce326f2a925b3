using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;

namespace Federation.Hub.Tests;

/// <summary>The staff API over HTTP, on a real hub with a real database and broker.</summary>
public sealed class HubApiSpecs : IAsyncLifetime
{
    private HubHost hub = null!;

    public async ValueTask InitializeAsync() => hub = await HubHost.StartAsync();

    public async ValueTask DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task Staff_create_publish_update_and_withdraw_a_resource()
    {
        using var client = await hub.CreateClientAsync();

        var created = await client.PostAsJsonAsync("/resources", ResourceJson.Dataset());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.ReadResourceAsync();
        Assert.Equal(ResourceState.Draft, draft.State);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);

        var published = await client.PostAsync($"/resources/{draft.Id}/publish", null);
        Assert.Equal(ResourceState.Published, (await published.ReadResourceAsync()).State);

        var updated = await client.PutAsJsonAsync($"/resources/{draft.Id}", ResourceJson.Dataset("Trillingsmetingen 2025"));
        Assert.Equal(3, (await updated.ReadResourceAsync()).Version);

        var withdrawn = await client.PostAsJsonAsync($"/resources/{draft.Id}/withdraw", new { reason = "replaced" });
        Assert.Equal(ResourceState.Withdrawn, (await withdrawn.ReadResourceAsync()).State);
        Assert.Equal(3, await hub.CountAsync("hub_feed"));
    }

    [Fact]
    public async Task A_create_repeated_with_its_idempotency_key_makes_one_resource_and_answers_with_it()
    {
        using var client = await hub.CreateClientAsync();
        var key = Guid.NewGuid().ToString();

        var first = await SendCreateAsync(client, key, ResourceJson.Dataset("Bodemvocht Drenthe"));
        var repeat = await SendCreateAsync(client, key, ResourceJson.Dataset("Bodemvocht Drenthe"));
        var other = await SendCreateAsync(client, Guid.NewGuid().ToString(), ResourceJson.Dataset("Bodemvocht Drenthe"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location?.OriginalString, repeat.Headers.Location?.OriginalString);
        var created = await first.ReadResourceAsync();
        Assert.Equal(created.Id, (await repeat.ReadResourceAsync()).Id);
        Assert.NotEqual(created.Id, (await other.ReadResourceAsync()).Id);
        Assert.Equal(2, await hub.CountAsync("hub_resources"));

        var malformed = await SendCreateAsync(client, "two words", ResourceJson.Dataset("Bodemvocht Drenthe"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(2, await hub.CountAsync("hub_resources"));
    }

    private static async Task<HttpResponseMessage> SendCreateAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/resources") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_naming_each_field_and_stores_nothing()
    {
        using var client = await hub.CreateClientAsync();
        var body = new { kind = "robot", title = "", licence = "free", accessPolicy = "everyone", publisher = "X Corp", keywords = new[] { "" } };

        var response = await client.PostAsJsonAsync("/resources", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "kind", "title", "licence", "accessPolicy", "keywords[0]" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        Assert.Equal(0, await hub.CountAsync("hub_resources"));
        Assert.Equal(0, await hub.CountAsync("hub_feed"));
    }

    [Theory]
    [InlineData("{\"kind\": \"dataset\", \"titel\": \"typo\"}", "titel")]
    [InlineData("{\"kind\": \"dataset\", \"title\": 42}", "title")]
    [InlineData("{\"kind\": ", "kind")]
    [InlineData("not json", "body")]
    [InlineData("[]", "body")]
    public async Task Unreadable_bodies_are_refused_with_the_place_named(string json, string field)
    {
        using var client = await hub.CreateClientAsync();

        var response = await client.PostAsync("/resources", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors were {errors}");
        Assert.Equal(0, await hub.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task Writes_without_staff_identity_are_unauthorised()
    {
        using var anonymous = hub.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/resources", ResourceJson.Dataset());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await hub.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task A_write_based_on_an_old_version_is_refused_with_412()
    {
        using var client = await hub.CreateClientAsync();
        var draft = await (await client.PostAsJsonAsync("/resources", ResourceJson.Dataset())).ReadResourceAsync();
        await client.PutAsJsonAsync($"/resources/{draft.Id}", ResourceJson.Dataset("Second title"));

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/resources/{draft.Id}") { Content = JsonContent.Create(ResourceJson.Dataset("Lost update")) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var response = await client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var current = await (await client.GetAsync($"/resources/{draft.Id}")).ReadResourceAsync();
        Assert.Equal("Second title", current.Title);
    }

    [Fact]
    public async Task Publishing_twice_is_a_conflict()
    {
        using var client = await hub.CreateClientAsync();
        var draft = await (await client.PostAsJsonAsync("/resources", ResourceJson.Dataset())).ReadResourceAsync();
        await client.PostAsync($"/resources/{draft.Id}/publish", null);

        var again = await client.PostAsync($"/resources/{draft.Id}/publish", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await hub.CountAsync("hub_feed"));
    }

    [Fact]
    public async Task Drafts_are_invisible_to_anyone_but_staff()
    {
        using var staff = await hub.CreateClientAsync();
        using var anonymous = hub.CreateClient();
        var draft = await (await staff.PostAsJsonAsync("/resources", ResourceJson.Dataset())).ReadResourceAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/resources/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/resources/{draft.Id}")).StatusCode);
        var publicList = await anonymous.GetFromJsonAsync<JsonElement>("/resources");
        Assert.Equal(0, publicList.GetProperty("total").GetInt64());
        var staffList = await staff.GetFromJsonAsync<JsonElement>("/resources?state=draft");
        Assert.Equal(1, staffList.GetProperty("total").GetInt64());

        var pastTheEnd = await staff.GetFromJsonAsync<JsonElement>("/resources?state=draft&page=5");
        Assert.Equal(1, pastTheEnd.GetProperty("total").GetInt64());
        Assert.Equal(0, pastTheEnd.GetProperty("items").GetArrayLength());

        await staff.PostAsync($"/resources/{draft.Id}/withdraw", null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/resources/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_resources_answer_404_problem_details()
    {
        using var client = await hub.CreateClientAsync();
        var response = await client.PostAsync($"/resources/{Guid.NewGuid()}/publish", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_datasets_version_is_stored_and_returned_and_one_too_long_is_refused_naming_its_field()
    {
        using var client = await hub.CreateClientAsync();
        var input = new ResourceInput
        {
            Kind = "dataset", Title = "Trillingsmetingen CNC-freesmachines", Licence = "CC-BY-4.0", AccessPolicy = "federation", Publisher = "TU Eindhoven",
            Dataset = new DatasetInput(null, null, null, null, null, false, null, null, null, Version: " 2.1 "),
        };

        var created = await client.PostAsJsonAsync("/resources", input, FederationJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadResourceAsync()).Id;
        var stored = await client.GetFromJsonAsync<JsonElement>($"/resources/{id}");
        Assert.Equal("2.1", stored.GetProperty("dataset").GetProperty("version").GetString());

        var tooLong = await client.PutAsJsonAsync($"/resources/{id}", input with { Dataset = input.Dataset with { Version = new string('9', 51) } }, FederationJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        var errors = (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["dataset.version"], errors.EnumerateObject().Select(error => error.Name));
        var current = await (await client.GetAsync($"/resources/{id}")).ReadResourceAsync();
        Assert.Equal((1, "2.1"), (current.Version, current.Dataset?.Version));
    }
}
