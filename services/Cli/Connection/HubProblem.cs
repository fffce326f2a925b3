using System.Net.Http.Json;
using System.Text.Json;

namespace Federation.Cli.Connection;

/// <summary>What a hub said when it refused something: each field with its reasons, or the problem's detail.</summary>
public static class HubProblem
{
    public static async Task<IReadOnlyList<string>> ReasonsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                return [.. errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(reason => $"{field.Name}: {reason.GetString()}"))];
            }

            return [problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : $"HTTP {(int)response.StatusCode}"];
        }
        catch (JsonException)
        {
            return [$"HTTP {(int)response.StatusCode}"];
        }
    }
}
