using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Cli.Connection;
using Federation.Contracts;

namespace Federation.Cli.Import;

/// <summary>
/// Brings a hub in line with the rows of an import. A resource is known by its title at that hub: a row whose
/// resource exists with the same content changes nothing, so running an import twice is harmless; one that differs
/// updates it; a new one is created and published. Every row is first checked by the hub itself
/// (<c>POST /resources/validate</c>), which is all a dry run does.
/// </summary>
public sealed class ResourceImporter(HttpClient hub, bool dryRun, bool publish)
{
    private readonly Dictionary<string, ResourceSnapshot> existing = new(StringComparer.OrdinalIgnoreCase);

    public async Task LoadExistingAsync(CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var list = await hub.GetFromJsonAsync<JsonElement>($"resources?page={page}&pageSize=200", HubConnection.Json, cancellationToken);
            var items = list.GetProperty("items").Deserialize<List<ResourceSnapshot>>(HubConnection.Json)!;
            foreach (var resource in items)
            {
                existing.TryAdd(resource.Title.Trim(), resource);
            }

            if (items.Count < 200)
            {
                return;
            }
        }
    }

    public async Task<ImportResult> ImportAsync(ImportRow row, CancellationToken cancellationToken)
    {
        if (row.Resource is not { } resource)
        {
            return new ImportResult(row.Line, "", ImportOutcome.Refused, [row.Unreadable ?? "The line could not be read."]);
        }

        using (var check = await hub.PostAsJsonAsync("resources/validate", resource, cancellationToken))
        {
            if (!check.IsSuccessStatusCode)
            {
                return new ImportResult(row.Line, row.Title, ImportOutcome.Refused, await HubProblem.ReasonsAsync(check, cancellationToken));
            }
        }

        var known = existing.GetValueOrDefault(row.Title);
        var unchanged = known is not null && SameContent(resource, known) && (!publish || known.State == ResourceState.Published);
        var outcome = unchanged ? ImportOutcome.Unchanged : known is null ? ImportOutcome.Created : ImportOutcome.Changed;
        if (dryRun || unchanged)
        {
            return new ImportResult(row.Line, row.Title, outcome, []);
        }

        using var written = known is null
            ? await hub.PostAsJsonAsync("resources", resource, cancellationToken)
            : await ReplaceAsync(known, resource, cancellationToken);
        if (!written.IsSuccessStatusCode)
        {
            return new ImportResult(row.Line, row.Title, ImportOutcome.Refused, await HubProblem.ReasonsAsync(written, cancellationToken));
        }

        var saved = (await written.Content.ReadFromJsonAsync<ResourceSnapshot>(HubConnection.Json, cancellationToken))!;
        if (publish && saved.State != ResourceState.Published)
        {
            using var published = await hub.PostAsync($"resources/{saved.Id}/publish", null, cancellationToken);
            if (!published.IsSuccessStatusCode)
            {
                return new ImportResult(row.Line, row.Title, ImportOutcome.Refused, await HubProblem.ReasonsAsync(published, cancellationToken));
            }

            saved = (await published.Content.ReadFromJsonAsync<ResourceSnapshot>(HubConnection.Json, cancellationToken))!;
        }

        existing[row.Title] = saved;
        return new ImportResult(row.Line, row.Title, outcome, []);
    }

    // Each field the row gives is compared with the resource as the hub holds it; an empty value and a missing one
    // are the same, and so are texts that differ only in surrounding spaces.
    /// <summary>
    /// Replaces a resource as it was read at the start, If-Match on that version: a change someone made meanwhile
    /// is refused by the hub (and reported as this row's reason) rather than silently overwritten by the import.
    /// </summary>
    private async Task<HttpResponseMessage> ReplaceAsync(ResourceSnapshot known, JsonObject resource, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"resources/{known.Id}") { Content = JsonContent.Create(resource) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{known.Version}\""));
        return await hub.SendAsync(request, cancellationToken);
    }

    private static bool SameContent(JsonObject row, ResourceSnapshot known)
    {
        var held = JsonSerializer.SerializeToNode(known, HubConnection.Json)!.AsObject();
        return row.Where(field => field.Key != "title")
            .All(field => JsonNode.DeepEquals(Normalise(field.Value), Normalise(held[field.Key])));
    }

    private static JsonNode? Normalise(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text.Trim().Length == 0 ? null : JsonValue.Create(text.Trim()),
        JsonArray array when array.Count == 0 => null,
        JsonArray array => new JsonArray([.. array.Select(Normalise)]),
        JsonObject obj => obj.Select(p => (p.Key, Value: Normalise(p.Value))).Where(p => p.Value is not null) is var fields && fields.Any()
            ? new JsonObject(fields.Select(p => KeyValuePair.Create(p.Key, p.Value))) : null,
        _ => node.DeepClone(),
    };
}
