using System.Text.Json;

namespace Federation.Clients.Results;

/// <summary>
/// Reads a refusal into an <see cref="ApiProblem"/>: the one place any client of the federation reads problem
/// details. An answer that is not problem details (a proxy's HTML page, nothing) still gives its status.
/// </summary>
public static class ProblemReader
{
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal) { "type", "title", "status", "detail", "instance", "errors" };

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        JsonElement body;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length == 0)
            {
                return Empty(status, response.ReasonPhrase);
            }

            body = JsonSerializer.Deserialize<JsonElement>(text);
        }
        catch (JsonException)
        {
            return Empty(status, response.ReasonPhrase);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return Empty(status, response.ReasonPhrase);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (body.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
            {
                errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                    ? [.. field.Value.EnumerateArray().Select(reason => reason.ValueKind == JsonValueKind.String ? reason.GetString()! : reason.GetRawText())]
                    : [field.Value.ToString()];
            }
        }

        var extensions = body.EnumerateObject().Where(member => !Standard.Contains(member.Name))
            .ToDictionary(member => member.Name, member => member.Value.Clone(), StringComparer.Ordinal);
        return new ApiProblem(
            body.TryGetProperty("status", out var stated) && stated.TryGetInt32(out var number) ? number : status,
            Text(body, "title") ?? response.ReasonPhrase, Text(body, "detail"), errors, extensions);
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ApiProblem Empty(int status, string? reason) =>
        new(status, reason, null, new Dictionary<string, string[]>(), new Dictionary<string, JsonElement>());
}
