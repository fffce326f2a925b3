using System.Text;

namespace Federation.Hub.Tests;

/// <summary>
/// Damaged copies of a valid document, for fuzzing the hub's own parsers (Turtle, JSON-LD, model-card front
/// matter): cut short, spans removed or repeated, syntax characters dropped in where they do not belong, characters
/// replaced, and a few built to hurt (absurd nesting, invalid UTF-8, a body over the size limit).
/// </summary>
internal static class TextMutations
{
    private static readonly string[] Tokens =
    [
        "\"", "\"\"\"", "'", "<", ">", "[", "]", "{", "}", "(", ")", ";", ",", ".", ":", "@prefix", "PREFIX", "@base", "_:", "^^", "@", "#",
        "\\", "\\u12", "\\U0001F6", "\n", "\r\n", "\t", "---", "- ", "  ", ": ", "&anchor", "*anchor", "!!binary", "|", ">-", "%",
        "\0", "\u00A0", "\u202E", "😀", "\"@id\"", "\"@graph\"", "\"@value\"", "\"@context\"", "null", "true", "1e999", "-0", "[]", "{}",
        "<script>alert(1)</script>", "'; DROP TABLE hub_resources; --", "../../etc/passwd",
    ];

    public static IEnumerable<(string Name, byte[] Body)> Of(string valid, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder(valid);
            var kind = random.Next(6);
            var position = random.Next(text.Length);
            switch (kind)
            {
                case 0:
                    text.Length = position;
                    break;
                case 1:
                    text.Remove(position, Math.Min(text.Length - position, random.Next(1, 40)));
                    break;
                case 2:
                    text.Insert(position, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3:
                    var span = valid.Substring(position, Math.Min(valid.Length - position, random.Next(1, 60)));
                    text.Insert(position, string.Concat(Enumerable.Repeat(span, random.Next(2, 400))));
                    break;
                case 4:
                    text[position] = (char)random.Next(0x20, 0x3000);
                    break;
                default:
                    for (var n = random.Next(2, 6); n > 0; n--)
                    {
                        text.Insert(random.Next(text.Length), Tokens[random.Next(Tokens.Length)]);
                    }

                    break;
            }

            yield return ($"mutation {i} (kind {kind} at {position})", Encoding.UTF8.GetBytes(text.ToString()));
        }

        yield return ("invalid UTF-8", [.. Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(valid[(valid.Length / 2)..])]);
        yield return ("empty", []);
        yield return ("only whitespace", "   \n\t  "u8.ToArray());
        yield return ("5 MiB of the document repeated", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(valid, 5 * 1024 * 1024 / valid.Length + 1))));
    }
}
