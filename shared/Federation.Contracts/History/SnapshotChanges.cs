using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Contracts.Serialization;

namespace Federation.Contracts.History;

/// <summary>
/// What changed between two versions of a resource, field by field: each field (a path such as <c>dataset.distributions[0].title</c>)
/// added, removed or changed, with its value before and after as text. Lifecycle bookkeeping (version, the moments of
/// change) is left out: those always differ and say nothing of the content.
/// </summary>
public static class SnapshotChanges
{
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "version", "modifiedAt", "createdAt", "publishedAt", "withdrawnAt", "changeNote",
    };

    public static IReadOnlyList<FieldChange> Between(ResourceSnapshot before, ResourceSnapshot after)
    {
        var from = Flatten(JsonSerializer.SerializeToNode(before, FederationJson.Options));
        var to = Flatten(JsonSerializer.SerializeToNode(after, FederationJson.Options));
        var changes = new List<FieldChange>();
        foreach (var path in from.Keys.Union(to.Keys).Order(StringComparer.Ordinal))
        {
            var had = from.GetValueOrDefault(path);
            var has = to.GetValueOrDefault(path);
            if (had == has)
            {
                continue;
            }

            changes.Add(new FieldChange(path, had is null ? "added" : has is null ? "removed" : "changed", had, has));
        }

        return changes;
    }

    // Leaves of the JSON by their path; empty values (null, "", [], {}) are no value.
    private static Dictionary<string, string?> Flatten(JsonNode? node)
    {
        var leaves = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Walk(JsonNode? value, string path)
        {
            switch (value)
            {
                case null:
                    break;
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (path.Length > 0 || !Bookkeeping.Contains(key))
                        {
                            Walk(child, path.Length == 0 ? key : $"{path}.{key}");
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{path}[{i}]");
                    }

                    break;
                default:
                    var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                    if (text.Length > 0)
                    {
                        leaves[path] = text;
                    }

                    break;
            }
        }

        Walk(node, "");
        return leaves;
    }
}

/// <summary>One field that differs between two versions: added, removed or changed, with its text before and after.</summary>
public sealed record FieldChange(string Field, string Change, string? Before, string? After);
