using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Federation.Hub.Tests;

/// <summary>
/// Thousands of generated malformed inputs at the hub's write endpoints, sent as its staff: every one is refused
/// with a 4xx problem details response, none is a server error, and nothing is stored.
/// </summary>
public sealed class InputAbuseSpecs : IAsyncLifetime
{
    private HubHost hub = null!;
    private HttpClient staff = null!;

    public async ValueTask InitializeAsync()
    {
        hub = await HubHost.StartAsync();
        staff = await hub.CreateClientAsync("staff");
    }

    public async ValueTask DisposeAsync()
    {
        staff.Dispose();
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task Thousands_of_malformed_resources_are_refused_with_problem_details_and_store_nothing()
    {
        var anchor = await (await staff.PostAsJsonAsync("/resources", ResourceJson.Dataset("Ankerresource voor misbruiktests"))).ReadResourceAsync();
        var before = await CountResourcesAsync();
        var refused = 0;

        foreach (var (name, body) in MalformedResources.Cases(seed: 20261129, count: 2_500))
        {
            foreach (var (method, path) in new[] { (HttpMethod.Post, "/resources"), (HttpMethod.Put, $"/resources/{anchor.Id}"), (HttpMethod.Post, "/resources/validate") })
            {
                using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await staff.SendAsync(request);
                var status = (int)response.StatusCode;
                // Refused for what the body is (bad, too large, not JSON), not for who sent it or where: a 401 or 404
                // here would mean the case never reached the part under test.
                Assert.True(status is 400 or 413 or 415, $"{method} {path} with {name}: {status} {await response.Content.ReadAsStringAsync()}");
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"{method} {path} with {name}: {status} without problem details");
                refused++;
            }
        }

        Assert.True(refused > 7_500, $"only {refused} refusals were checked");
        Assert.Equal(before, await CountResourcesAsync());
        var held = await (await staff.GetAsync($"/resources/{anchor.Id}")).ReadResourceAsync();
        Assert.Equal(anchor.Version, held.Version);
        Assert.Equal(anchor.Title, held.Title);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("..")]
    [InlineData("%2E%2E")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("con%0Atrol.csv")]
    [InlineData("back%5Cslash.csv")]
    public async Task A_file_name_that_is_a_path_or_hides_characters_is_refused_and_nothing_is_written(string fileName)
    {
        var resource = await (await staff.PostAsJsonAsync("/resources", ResourceJson.Dataset($"Bestandsnamen {Guid.NewGuid():N}"))).ReadResourceAsync();
        using var content = new ByteArrayContent("secret,data\n1,2\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await staff.PutAsync($"/resources/{resource.Id}/artifacts/{fileName}", content);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var files = await staff.GetFromJsonAsync<JsonElement>($"/resources/{resource.Id}/artifacts/");
        Assert.Equal(0, files.GetArrayLength());
    }

    private async Task<int> CountResourcesAsync()
    {
        var list = await staff.GetFromJsonAsync<JsonElement>("/resources?pageSize=200");
        return list.GetProperty("items").GetArrayLength();
    }
}
