using System.Text.Json;

namespace Federation.Clients.Results;

/// <summary>
/// A refusal of the hubs' or the catalogue's API as RFC 9457 problem details: the status, title and detail, the
/// reasons by field (<c>errors</c>), and any other member (<c>currentVersion</c>, <c>state</c>, <c>notes</c> …).
/// </summary>
public sealed record ApiProblem(
    int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, JsonElement> Extensions)
{
    /// <summary>Every reason the service gave, by field where it named one (<c>field: reason</c>), else its detail.</summary>
    public IReadOnlyList<string> Reasons(bool withFieldNames = true) =>
        Errors.Count > 0
            ? [.. Errors.SelectMany(field => field.Value.Select(reason => withFieldNames ? $"{field.Key}: {reason}" : reason))]
            : Detail is { Length: > 0 } detail ? [detail] : [];

    /// <summary>An extension member read as <typeparamref name="T"/>, or default when the problem has none of that shape.</summary>
    public T? Extension<T>(string name)
    {
        if (!Extensions.TryGetValue(name, out var value))
        {
            return default;
        }

        try
        {
            return value.Deserialize<T>(Contracts.Serialization.FederationJson.Options);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
