using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Federation.Cli.Connection;

/// <summary>
/// A signed-in connection to one hub: a client credentials token from the hub's token endpoint, sent with every
/// call. The token is kept in memory for this run only.
/// </summary>
public sealed class HubConnection : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HubConnection(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static async Task<HubConnection> SignInAsync(HubSettings settings, HttpMessageHandler handler, CancellationToken cancellationToken)
    {
        var http = new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = settings.HubUrl;
        http.Timeout = TimeSpan.FromMinutes(10);
        using var answer = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.Client,
            ["client_secret"] = settings.ClientSecret!,
        }), cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            http.Dispose();
            throw new SignInFailedException($"The hub refused to sign in '{settings.Client}' ({(int)answer.StatusCode}).");
        }

        var token = (await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new HubConnection(http);
    }

    public void Dispose() => Http.Dispose();
}

public sealed class SignInFailedException(string message) : Exception(message);
