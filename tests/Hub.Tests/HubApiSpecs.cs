using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>The staff API over HTTP, on a real hub with a real database and broker.</summary>
public sealed class HubApiSpecs : SpecsOnAFresh<HubHost>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_create_publish_update_and_withdraw_a_resource()
    {
        using var http = await Host.CreateClientAsync();
        var client = new HubClient(http);

        var created = await client.CreateResourceAsync(ResourceJson.Dataset(), Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var draft = created.Value!;
        Assert.Equal(ResourceState.Draft, draft.State);
        Assert.Equal("\"1\"", created.ETag);

        var published = await client.PublishAsync(draft.Id, version: null, Cancellation);
        Assert.Equal(ResourceState.Published, published.Value!.State);

        var updated = await client.UpdateResourceAsync(draft.Id, ResourceJson.Dataset("Trillingsmetingen 2025"), version: null, Cancellation);
        Assert.Equal(3, updated.Value!.Version);

        var withdrawn = await client.WithdrawAsync(draft.Id, new WithdrawalInput("replaced"), version: null, Cancellation);
        Assert.Equal(ResourceState.Withdrawn, withdrawn.Value!.State);
        Assert.Equal(3, await Host.CountAsync("hub_feed"));
    }

    [Fact]
    public async Task A_create_repeated_with_its_idempotency_key_makes_one_resource_and_answers_with_it()
    {
        using var client = await Host.CreateClientAsync();
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
        Assert.Equal(2, await Host.CountAsync("hub_resources"));

        var malformed = await SendCreateAsync(client, "two words", ResourceJson.Dataset("Bodemvocht Drenthe"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(2, await Host.CountAsync("hub_resources"));
    }

    // Sent over HTTP directly: the spec reads headers (Location, Idempotent-Replayed) that the typed client does not hand on.
    private static async Task<HttpResponseMessage> SendCreateAsync(HttpClient client, string key, ResourceInput body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/resources") { Content = JsonContent.Create(body, options: FederationJson.Options) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_naming_each_field_and_stores_nothing()
    {
        using var client = await Host.CreateClientAsync();
        var body = new ResourceInput { Kind = "robot", Title = "", Licence = "free", AccessPolicy = "everyone", Publisher = "X Corp", Keywords = [""] };

        // Sent over HTTP directly: the spec reads the problem's media type and JSON as the hub wrote them.
        var response = await client.PostAsJsonAsync("/resources", body, FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "kind", "title", "licence", "accessPolicy", "keywords[0]" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        Assert.Equal(0, await Host.CountAsync("hub_resources"));
        Assert.Equal(0, await Host.CountAsync("hub_feed"));
    }

    // Bodies no contract type can express (an unknown member, a wrong type, broken JSON), so written out by hand.
    [Theory]
    [InlineData("{\"kind\": \"dataset\", \"titel\": \"typo\"}", "titel")]
    [InlineData("{\"kind\": \"dataset\", \"title\": 42}", "title")]
    [InlineData("{\"kind\": ", "kind")]
    [InlineData("not json", "body")]
    [InlineData("[]", "body")]
    public async Task Unreadable_bodies_are_refused_with_the_place_named(string json, string field)
    {
        using var client = await Host.CreateClientAsync();

        var response = await client.PostAsync("/resources", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors were {errors}");
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task Writes_without_staff_identity_are_unauthorised()
    {
        using var anonymous = Host.CreateClient();

        var response = await new HubClient(anonymous).CreateResourceAsync(ResourceJson.Dataset(), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task A_write_based_on_an_old_version_is_refused_with_412()
    {
        using var http = await Host.CreateClientAsync();
        var client = new HubClient(http);
        var draft = (await client.CreateResourceAsync(ResourceJson.Dataset(), Cancellation)).EnsureSuccess();
        await client.UpdateResourceAsync(draft.Id, ResourceJson.Dataset("Second title"), version: null, Cancellation);

        var response = await client.UpdateResourceAsync(draft.Id, ResourceJson.Dataset("Lost update"), version: 1, Cancellation);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.Status);
        var current = (await client.GetResourceAsync(draft.Id, Cancellation)).Value!;
        Assert.Equal("Second title", current.Title);
    }

    [Fact]
    public async Task Publishing_twice_is_a_conflict()
    {
        using var http = await Host.CreateClientAsync();
        var client = new HubClient(http);
        var draft = (await client.CreateResourceAsync(ResourceJson.Dataset(), Cancellation)).EnsureSuccess();
        await client.PublishAsync(draft.Id, version: null, Cancellation);

        var again = await client.PublishAsync(draft.Id, version: null, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(1, await Host.CountAsync("hub_feed"));
    }

    [Fact]
    public async Task Drafts_are_invisible_to_anyone_but_staff()
    {
        using var staff = await Host.CreateClientAsync();
        using var anonymous = Host.CreateClient();
        var draft = (await new HubClient(staff).CreateResourceAsync(ResourceJson.Dataset(), Cancellation)).EnsureSuccess();

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
        using var client = await Host.CreateClientAsync();
        var response = await client.PostAsync($"/resources/{Guid.NewGuid()}/publish", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_datasets_version_is_stored_and_returned_and_one_too_long_is_refused_naming_its_field()
    {
        using var client = await Host.CreateClientAsync();
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
