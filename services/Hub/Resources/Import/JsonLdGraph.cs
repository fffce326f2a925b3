using System.Text.Json;

namespace Federation.Hub.Resources.Import;

/// <summary>
/// Enough of JSON-LD to read a DCAT-AP description: an inline <c>@context</c> of prefixes and term names, a
/// <c>@graph</c> or a single node, nested nodes and references by <c>@id</c>. Property names come out as full IRIs.
/// A remote context cannot be fetched here (and would be a way to make the hub call anywhere): use an inline one.
/// </summary>
public sealed class JsonLdGraph
{
    private readonly Dictionary<string, string> context = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> nodes = new(StringComparer.Ordinal);
    private readonly List<JsonElement> all = [];

    private JsonLdGraph()
    {
    }

    public IReadOnlyList<JsonElement> Nodes => all;

    public static JsonLdGraph Read(JsonElement document)
    {
        var graph = new JsonLdGraph();
        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("@context", out var context))
        {
            graph.ReadContext(context);
        }

        var top = document.ValueKind == JsonValueKind.Array ? document.EnumerateArray().ToList()
            : document.TryGetProperty("@graph", out var items) ? [.. items.EnumerateArray()]
            : [document];
        foreach (var node in top)
        {
            graph.Collect(node);
        }

        return graph;
    }

    public string Expand(string term)
    {
        if (context.TryGetValue(term, out var mapped))
        {
            term = mapped;
        }

        var colon = term.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !term.Contains("//", StringComparison.Ordinal) && context.TryGetValue(term[..colon], out var ns) ? ns + term[(colon + 1)..] : term;
    }

    public IEnumerable<string> TypesOf(JsonElement node) =>
        !node.TryGetProperty("@type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => Expand(t.GetString() ?? ""))
        : [Expand(type.GetString() ?? "")];

    /// <summary>The values of a property (given as a full IRI), with node references resolved to their nodes.</summary>
    public IEnumerable<JsonElement> Values(JsonElement node, string property)
    {
        foreach (var key in node.EnumerateObject().Where(p => !p.Name.StartsWith('@') && Expand(p.Name) == property))
        {
            var values = key.Value.ValueKind == JsonValueKind.Array ? key.Value.EnumerateArray().ToList() : [key.Value];
            foreach (var value in values)
            {
                yield return value.ValueKind == JsonValueKind.Object && value.TryGetProperty("@id", out var id) && value.EnumerateObject().Count() == 1
                    && nodes.TryGetValue(id.GetString() ?? "", out var target) ? target : value;
            }
        }
    }

    /// <summary>The text of a literal value (plain string, or <c>@value</c>), or the IRI of a reference.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object when value.TryGetProperty("@value", out var literal) => literal.ValueKind == JsonValueKind.String ? literal.GetString() : literal.GetRawText(),
        JsonValueKind.Object when value.TryGetProperty("@id", out var id) => id.GetString(),
        _ => null,
    };

    public static string? Language(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("@language", out var language) ? language.GetString() : null;

    private void ReadContext(JsonElement element)
    {
        foreach (var part in element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [element])
        {
            if (part.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var entry in part.EnumerateObject())
            {
                var value = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()
                    : entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("@id", out var id) ? id.GetString() : null;
                if (value is not null && !entry.Name.StartsWith('@'))
                {
                    context[entry.Name] = value;
                }
            }
        }
    }

    private void Collect(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object || all.Count > 10_000)
        {
            return;
        }

        all.Add(node);
        if (node.TryGetProperty("@id", out var id) && id.GetString() is { } key)
        {
            nodes.TryAdd(key, node);
        }

        foreach (var property in node.EnumerateObject().Where(p => !p.Name.StartsWith('@')))
        {
            foreach (var value in property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value])
            {
                if (value.ValueKind == JsonValueKind.Object && !value.TryGetProperty("@value", out _) && value.EnumerateObject().Count() > 1)
                {
                    Collect(value);
                }
            }
        }
    }
}
