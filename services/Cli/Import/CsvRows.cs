using Federation.Contracts.Hub;
using nietras.SeparatedValues;

namespace Federation.Cli.Import;

/// <summary>
/// Resources from CSV as people have it, read by Sep: comma, semicolon (what Dutch Excel writes), tab or pipe as the
/// separator, found from the header line without a flag; a UTF-8 byte order mark is skipped (the reader is opened
/// with BOM detection); quoted fields may hold separators, doubled quotes and line breaks. A header names the
/// columns, one resource a row; keywords and themes are separated by semicolons within their (quoted) field.
/// </summary>
public static class CsvRows
{
    public static readonly string[] Columns =
        ["identifier", "kind", "title", "summary", "description", "keywords", "themes", "licence", "accessPolicy", "publisher", "contactPoint", "language"];

    public static IEnumerable<ImportRow> Read(TextReader reader)
    {
        using var csv = Sep.Reader(options => options with { Unescape = true, DisableColCountCheck = true }).From(reader);
        var names = csv.Header.ColNames.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        if (names.Count == 0 || names.All(n => n.Length == 0))
        {
            yield break;
        }

        var unknown = names.Where(h => !Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            yield return new ImportRow(1, null, $"Unknown columns {string.Join(", ", unknown)}; the columns are {string.Join(", ", Columns)}.");
            yield break;
        }

        var columns = names.Select(h => Columns.First(c => c.Equals(h, StringComparison.OrdinalIgnoreCase))).ToList();
        foreach (var (line, fields) in Records(csv))
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (fields.Count != columns.Count)
            {
                yield return new ImportRow(line, null, $"{fields.Count} fields where the header has {columns.Count}.");
                continue;
            }

            var resource = new ResourceInput();
            for (var i = 0; i < columns.Count; i++)
            {
                resource = With(resource, columns[i], fields[i].Trim());
            }

            yield return new ImportRow(line, resource);
        }
    }

    // Sep's rows live only until the next is read: each is copied out as its line and fields.
    private static List<(int Line, List<string> Fields)> Records(SepReader csv)
    {
        var records = new List<(int, List<string>)>();
        foreach (var row in csv)
        {
            var fields = new List<string>(row.ColCount);
            for (var i = 0; i < row.ColCount; i++)
            {
                fields.Add(row[i].ToString());
            }

            records.Add((row.LineNumberFrom, fields));
        }

        return records;
    }

    // A list column is always given (empty when its field is); any other only when its field has a value.
    private static ResourceInput With(ResourceInput resource, string column, string value) => column switch
    {
        "keywords" => resource with { Keywords = ListOf(value) },
        "themes" => resource with { Themes = ListOf(value) },
        _ when value.Length == 0 => resource,
        "identifier" => resource with { Identifier = value },
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
}
