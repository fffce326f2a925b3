using System.Text.Json;
using System.Text.Json.Nodes;

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

            JsonObject? resource;
            string? problem = null;
            try
            {
                resource = JsonNode.Parse(text) as JsonObject;
                problem = resource is null ? "The line is not a JSON object." : null;
            }
            catch (JsonException exception)
            {
                (resource, problem) = (null, $"Not JSON: {exception.Message}");
            }

            yield return new ImportRow(line, problem is null ? resource : null, problem);
        }
    }
}
