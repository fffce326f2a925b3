using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Cli.Connection;
using Federation.Contracts;

namespace Federation.Cli.Import;

/// <summary>
/// Imports whole documents through the hub's own readers: a DCAT-AP description (Turtle or JSON-LD) becomes a
/// dataset, a Hugging Face style model card a model. The hub first reads the document without storing anything
/// (<c>?dryRun=true</c>), which names the title it would have; a resource of that title at the hub is left alone, so
/// importing a folder again changes nothing.
/// </summary>
public sealed class DocumentImporter(HttpClient hub, bool dryRun, bool publish, IReadOnlyDictionary<string, string?> defaults)
{
    private readonly HashSet<string> known = new(StringComparer.OrdinalIgnoreCase);

    public async Task LoadExistingAsync(CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var list = await hub.GetFromJsonAsync<JsonElement>($"resources?page={page}&pageSize=200", HubConnection.Json, cancellationToken);
            var items = list.GetProperty("items").Deserialize<List<ResourceSnapshot>>(HubConnection.Json)!;
            known.UnionWith(items.Select(r => r.Title.Trim()));
            if (items.Count < 200)
            {
                return;
            }
        }
    }

    public static string? KindOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ttl" => "text/turtle",
        ".jsonld" or ".json-ld" => "application/ld+json",
        ".md" => "text/markdown",
        _ => null,
    };

    public async Task<ImportResult> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var contentType = KindOf(path)!;
        var endpoint = contentType == "text/markdown" ? "resources/import/model-card" : "resources/import/dcat-ap";
        var query = string.Join("&", defaults.Where(d => d.Value is not null).Select(d => $"{d.Key}={Uri.EscapeDataString(d.Value!)}"));
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);

        using var check = await SendAsync($"{endpoint}?dryRun=true&{query}", bytes, contentType, cancellationToken);
        if (!check.IsSuccessStatusCode)
        {
            return new ImportResult(0, name, ImportOutcome.Refused, await HubProblem.ReasonsAsync(check, cancellationToken));
        }

        var title = (await check.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("title").GetString()!.Trim();
        if (known.Contains(title))
        {
            return new ImportResult(0, $"{name}: {title}", ImportOutcome.Unchanged, []);
        }

        if (dryRun)
        {
            return new ImportResult(0, $"{name}: {title}", ImportOutcome.Created, []);
        }

        using var created = await SendAsync($"{endpoint}?{query}", bytes, contentType, cancellationToken);
        if (!created.IsSuccessStatusCode)
        {
            return new ImportResult(0, name, ImportOutcome.Refused, await HubProblem.ReasonsAsync(created, cancellationToken));
        }

        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("resource").GetProperty("id").GetGuid();
        if (publish)
        {
            using var published = await hub.PostAsync($"resources/{id}/publish", null, cancellationToken);
            if (!published.IsSuccessStatusCode)
            {
                return new ImportResult(0, name, ImportOutcome.Refused, await HubProblem.ReasonsAsync(published, cancellationToken));
            }
        }

        known.Add(title);
        return new ImportResult(0, $"{name}: {title}", ImportOutcome.Created, []);
    }

    private Task<HttpResponseMessage> SendAsync(string path, byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return hub.PostAsync(path, content, cancellationToken);
    }
}
