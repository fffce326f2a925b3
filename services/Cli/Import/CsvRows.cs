using System.Text;
using System.Text.Json.Nodes;

namespace Federation.Cli.Import;

/// <summary>
/// Resources from CSV (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks): a header naming the
/// common fields, one resource a row. Keywords and themes are separated by semicolons within their field.
/// </summary>
public static class CsvRows
{
    public static readonly string[] Columns =
        ["kind", "title", "summary", "description", "keywords", "themes", "licence", "accessPolicy", "publisher", "contactPoint", "language"];

    private static readonly string[] Lists = ["keywords", "themes"];

    public static IEnumerable<ImportRow> Read(TextReader reader)
    {
        var records = Records(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            yield break;
        }

        var header = records.Current.Fields.Select(h => h.Trim()).ToList();
        var unknown = header.Where(h => !Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            yield return new ImportRow(records.Current.Line, null, $"Unknown columns {string.Join(", ", unknown)}; the columns are {string.Join(", ", Columns)}.");
            yield break;
        }

        var names = header.Select(h => Columns.First(c => c.Equals(h, StringComparison.OrdinalIgnoreCase))).ToList();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (fields.Count != names.Count)
            {
                yield return new ImportRow(line, null, $"{fields.Count} fields where the header has {names.Count}.");
                continue;
            }

            var resource = new JsonObject();
            for (var i = 0; i < names.Count; i++)
            {
                var value = fields[i].Trim();
                if (Lists.Contains(names[i]))
                {
                    resource[names[i]] = new JsonArray([.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(v => (JsonNode)JsonValue.Create(v)!)]);
                }
                else if (value.Length > 0)
                {
                    resource[names[i]] = value;
                }
            }

            yield return new ImportRow(line, resource);
        }
    }

    private static IEnumerable<(int Line, List<string> Fields)> Records(TextReader reader)
    {
        var line = 1;
        var start = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"')
                {
                    field.Append('"');
                    reader.Read();
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                yield return (start, fields);
                (fields, start) = (new List<string>(), ++line);
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return (start, fields);
        }
    }
}
