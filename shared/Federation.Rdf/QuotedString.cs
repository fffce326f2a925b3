using System.Text;

namespace Federation.Rdf;

/// <summary>
/// A string as a double-quoted literal with backslash escapes, which Turtle and YAML read alike: no title or keyword
/// can then end the literal early or be read as syntax.
/// </summary>
public static class QuotedString
{
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                quoted.Append(c).Append(value[++i]);
                continue;
            }

            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ when char.IsSurrogate(c) => "\\uFFFD", // half a pair cannot be written as UTF-8
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
