using System.Text;
using Federation.Contracts.Hub;

namespace Federation.Cli.Import;

/// <summary>
/// Resources from CSV (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks): a header naming the
/// common fields, one resource a row. Keywords and themes are separated by semicolons within their field.
/// </summary>
public static class CsvRows
{
    public static readonly string[] Columns =
        ["kind", "title", "summary", "description", "keywords", "themes", "licence", "accessPolicy", "publisher", "contactPoint", "language"];

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

            var resource = new ResourceInput();
            for (var i = 0; i < names.Count; i++)
            {
                resource = With(resource, names[i], fields[i].Trim());
            }

            yield return new ImportRow(line, resource);
        }
    }

    // A list column is always given (empty when its field is); any other only when its field has a value.
    private static ResourceInput With(ResourceInput resource, string column, string value) => column switch
    {
        "keywords" => resource with { Keywords = ListOf(value) },
        "themes" => resource with { Themes = ListOf(value) },
        _ when value.Length == 0 => resource,
        "kind" => resource with { Kind = value },
        "title" => resource with { Title = value },
        "summary" => resource with { Summary = value },
        "description" => resource with { Description = value },
        "licence" => resource with { Licence = value },
        "accessPolicy" => resource with { AccessPolicy = value },
        "publisher" => resource with { Publisher = value },
        "contactPoint" => resource with { ContactPoint = value },
        "language" => resource with { Language = value },
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Not a column of the import."),
    };

    private static string?[] ListOf(string value) => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
