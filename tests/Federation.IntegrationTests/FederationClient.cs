using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>What the specs do to the federation, in its words: publish at a hub, search the catalogue, wait for sync.</summary>
internal static class FederationClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object Dataset(string title, string description = "") => new
    {
        kind = "dataset", title, summary = "Integration test resource.", description, licence = "CC-BY-4.0",
        accessPolicy = "open", publisher = "Test University", keywords = new[] { "integration" },
    };

    public static async Task<ResourceSnapshot> CreateAsync(this ServiceProcess hub, object body)
    {
        var response = await hub.Staff(HttpMethod.Post, "resources", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ResourceSnapshot>(Json))!;
    }

    public static async Task<ResourceSnapshot> PublishNewAsync(this ServiceProcess hub, string title, string description = "")
    {
        var draft = await hub.CreateAsync(Dataset(title, description));
        var response = await hub.Staff(HttpMethod.Post, $"resources/{draft.Id}/publish");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ResourceSnapshot>(Json))!;
    }

    public static async Task<HttpResponseMessage> Staff(this ServiceProcess hub, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = await hub.StaffAuthorizationAsync();
        return await hub.Http.SendAsync(request);
    }

    public static async Task<JsonElement> InfoAsync(this ServiceProcess hub) => await hub.Http.GetFromJsonAsync<JsonElement>("");

    public static async Task<JsonElement> SearchAsync(this ServiceProcess catalogue, string query) =>
        await catalogue.Http.GetFromJsonAsync<JsonElement>($"search?{query}");

    public static async Task<JsonElement> WaitForSearchAsync(this ServiceProcess catalogue, string query, Func<JsonElement, bool> done, string what, int seconds = 30) =>
        await Eventually.Until(() => catalogue.SearchAsync(query), done, TimeSpan.FromSeconds(seconds), what);

    public static long Total(this JsonElement result) => result.GetProperty("total").GetInt64();

    public static IEnumerable<string> Titles(this JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!);

    /// <summary>Waits until the catalogue's registry shows the hub in sync at exactly the hub's own sequence and digest.</summary>
    public static async Task<JsonElement> WaitForHubInSyncAsync(this ServiceProcess catalogue, ServiceProcess hub, string hubId, int seconds = 30)
    {
        JsonElement info = default;
        return await Eventually.Until(async () =>
        {
            info = await hub.InfoAsync();
            return await catalogue.Http.GetFromJsonAsync<JsonElement>($"hubs/{hubId}");
        }, status => status.GetProperty("inSync").GetBoolean()
            && status.GetProperty("lastSequenceApplied").GetInt64() == info.GetProperty("lastSequence").GetInt64()
            && status.GetProperty("digestMatches").ValueKind == JsonValueKind.True,
            TimeSpan.FromSeconds(seconds), $"{hubId} in sync with the catalogue");
    }

    /// <summary>A word no other resource contains, letters only so the text parser keeps it whole.</summary>
    public static string Unique(string word) =>
        word + new string(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + (b % 26))).ToArray());
}
