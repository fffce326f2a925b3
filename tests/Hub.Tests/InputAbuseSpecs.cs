using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>
/// Thousands of generated malformed inputs at the hub's write endpoints (resources as staff, access requests and
/// introductions as a member): every one is refused with a 4xx problem details response, none is a server error,
/// and nothing is stored.
/// </summary>
public sealed class InputAbuseSpecs : StaffHubSpecs
{
    [Fact]
    public async Task Thousands_of_malformed_resources_are_refused_with_problem_details_and_store_nothing()
    {
        var anchor = (await StaffApi.CreateResourceAsync(ResourceJson.Dataset("Ankerresource voor misbruiktests"), TestContext.Current.CancellationToken)).EnsureSuccess();
        var before = await CountResourcesAsync();
        var refused = 0;

        foreach (var (name, body) in MalformedResources.Cases(seed: 20261129, count: 2_500))
        {
            foreach (var (method, path) in new[] { (HttpMethod.Post, "/resources"), (HttpMethod.Put, $"/resources/{anchor.Id}"), (HttpMethod.Post, "/resources/validate") })
            {
                using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await Staff.SendAsync(request);
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
        var held = await (await Staff.GetAsync($"/resources/{anchor.Id}")).ReadResourceAsync();
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
        var resource = (await StaffApi.CreateResourceAsync(ResourceJson.Dataset($"Bestandsnamen {Guid.NewGuid():N}"), TestContext.Current.CancellationToken)).EnsureSuccess();
        using var content = new ByteArrayContent("secret,data\n1,2\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await Staff.PutAsync($"/resources/{resource.Id}/artifacts/{fileName}", content);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var files = await Staff.GetFromJsonAsync<JsonElement>($"/resources/{resource.Id}/artifacts/");
        Assert.Equal(0, files.GetArrayLength());
    }

    [Fact]
    public async Task Malformed_access_requests_and_introductions_are_refused_and_nothing_is_asked()
    {
        var dataset = await StaffApi.PublishedAsync(ResourceJson.Minimal("dataset", "Beperkte meetreeks", "approval", "TU/e"));
        var offer = await StaffApi.PublishedAsync(ResourceJson.TimeSeriesTeam("Team voor tijdreeksen", "TU/e"));
        using var member = await Host.CreateClientAsync("researcher");
        var random = new Random(29);
        var checkedCount = 0;

        foreach (var (name, body) in SpoiledBodies("purpose", 20, ResourceJson.ToJsonObject(new AccessRequestInput(Purpose: null, AcceptTerms: true)), random)
                     .Append(("terms not accepted", JsonSerializer.SerializeToUtf8Bytes(new AccessRequestInput("Onderzoek naar slijtage van lagers in pompen.", AcceptTerms: false), FederationJson.Options)))
                     // A wrong type, which the contract cannot hold.
                     .Append(("terms as text", Encoding.UTF8.GetBytes("{\"purpose\":\"Onderzoek naar slijtage van lagers in pompen.\",\"acceptTerms\":\"yes\"}"))))
        {
            await AssertRefusedAsync(member, $"/resources/{dataset}/access-requests", name, body);
            checkedCount++;
        }

        foreach (var (name, body) in SpoiledBodies("message", 10, ResourceJson.ToJsonObject(new IntroductionInput(Message: null)), random))
        {
            await AssertRefusedAsync(member, $"/resources/{offer}/introductions", name, body);
            checkedCount++;
        }

        Assert.True(checkedCount > 1_000, $"only {checkedCount} cases");
        Assert.Equal(0, (await member.GetFromJsonAsync<JsonElement>("/me/access-requests")).GetArrayLength());
        Assert.Equal(0, (await member.GetFromJsonAsync<JsonElement>("/me/introductions")).GetArrayLength());
    }

    /// <summary>
    /// Bodies whose one text field is too short, too long, of the wrong type, or whose JSON is broken, invalid UTF-8,
    /// nested absurdly deep or carries an unknown property: all must be refused.
    /// </summary>
    private static IEnumerable<(string Name, byte[] Body)> SpoiledBodies(string field, int minimum, JsonObject rest, Random random)
    {
        JsonObject With(JsonNode? value)
        {
            var body = (JsonObject)rest.DeepClone();
            body[field] = value;
            return body;
        }

        for (var i = 0; i < 100; i++)
        {
            yield return ($"{field} too short #{i}", Encoding.UTF8.GetBytes(With(new string('a', random.Next(0, minimum))).ToJsonString()));
            yield return ($"{field} too long #{i}", Encoding.UTF8.GetBytes(With(new string('b', random.Next(2_001, 200_000))).ToJsonString()));
            yield return ($"{field} a number #{i}", Encoding.UTF8.GetBytes(With(random.Next()).ToJsonString()));
            yield return ($"{field} an array #{i}", Encoding.UTF8.GetBytes(With(new JsonArray("Onderzoek naar slijtage van lagers in pompen.")).ToJsonString()));
            var unknown = With("Onderzoek naar slijtage van lagers in pompen.");
            unknown[$"extra{i}"] = "x";
            yield return ($"unknown property #{i}", Encoding.UTF8.GetBytes(unknown.ToJsonString()));
            var valid = With("Onderzoek naar slijtage van lagers in pompen.").ToJsonString();
            yield return ($"truncated #{i}", Encoding.UTF8.GetBytes(valid[..random.Next(1, valid.Length - 1)]));
        }

        yield return ("nesting 10,000 deep", Encoding.UTF8.GetBytes($"{{\"{field}\":" + new string('[', 10_000) + new string(']', 10_000) + "}"));
        yield return ("invalid UTF-8", [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\"Onderzoek naar "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(" slijtage van lagers.\"}")]);
        yield return ("not JSON", "purpose=x&acceptTerms=true"u8.ToArray());
    }

    private async Task AssertRefusedAsync(HttpClient client, string path, string name, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content);
        var status = (int)response.StatusCode;
        Assert.True(status is 400 or 413, $"POST {path} with {name}: {status} {await response.Content.ReadAsStringAsync()}\nthe hub's last warnings:\n{Host.Warnings}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }


    private async Task<int> CountResourcesAsync()
    {
        var list = await Staff.GetFromJsonAsync<JsonElement>("/resources?pageSize=200");
        return list.GetProperty("items").GetArrayLength();
    }
}
