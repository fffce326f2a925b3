using System.Text;

namespace Federation.Catalogue.Exports;

/// <summary>
/// A string as a double-quoted literal with backslash escapes, which Turtle and YAML read alike: no title or keyword
/// can then end the literal early or be read as syntax.
/// </summary>
internal static class QuotedString
{
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
