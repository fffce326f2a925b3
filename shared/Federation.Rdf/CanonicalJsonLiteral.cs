using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Federation.Rdf;

/// <summary>
/// The lexical form of an rdf:JSON literal: the value in the JSON Canonicalization Scheme (RFC 8785) that JSON-LD
/// prescribes, so that one JSON value is one literal however it was spaced or ordered (keys sorted by UTF-16 code
/// units, no white space, minimal string escapes, numbers as ECMAScript prints them).
/// </summary>
internal static class CanonicalJsonLiteral
{
    public static string Of(JsonElement value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return text.ToString();
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    String(property.Name, text);
                    text.Append(':');
                    Write(property.Value, text);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(index++ == 0 ? "" : ",");
                    Write(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                String(value.GetString()!, text);
                break;
            case JsonValueKind.Number:
                var number = value.GetDouble();
                text.Append(Math.Abs(number % 1) == 0 && Math.Abs(number) < 1e21
                    ? number.ToString("0", CultureInfo.InvariantCulture)
                    : number.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal));
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }

    private static void String(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }
}
