using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;

namespace Federation.Cli.Import;

/// <summary>Resources from JSON lines: each line one resource in the shape of the hub's API (metadata of its kind included).</summary>
public static class JsonLinesRows
{
    public static IEnumerable<ImportRow> Read(TextReader reader)
    {
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            ResourceInput? resource = null;
            string? problem;
            JsonObject? row = null;
            try
            {
                row = JsonNode.Parse(text) as JsonObject;
                problem = row is null ? "The line is not a JSON object." : null;
                resource = row?.Deserialize<ResourceInput>(FederationJson.Options);
            }
            catch (JsonException exception)
            {
                // Read as JSON but with a value of the wrong shape (a text where a list belongs): said as such.
                problem = row is null ? $"Not JSON: {exception.Message}" : $"Not a resource: {exception.Message}";
            }

            yield return new ImportRow(line, problem is null ? resource : null, problem);
        }
    }
}
