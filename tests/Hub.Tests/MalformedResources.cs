using System.Text;
using System.Text.Json.Nodes;

namespace Federation.Hub.Tests;

/// <summary>
/// Generates request bodies for the resource endpoints that must all be refused: a valid resource with one field
/// spoiled (too long, wrong type, unknown value, control characters, markup, SQL, path, deep nesting, an unknown
/// property), broken JSON, invalid UTF-8, and bodies that are not JSON at all. Deterministic for a seed, so a
/// failing case can be replayed by its name.
/// </summary>
internal static class MalformedResources
{
    private static readonly string[] Hostile =
    [
        "", " ", "\u0000", "\u0001\u0002", "<script>alert(1)</script>", "'; DROP TABLE resources; --", "../../etc/passwd",
        "%00", "\uFFFF", "\uD800", "🤖", "null", "true", "1e309", "-0", "{}", "[]", "\\", "\"", "&amp;", "${jndi:ldap://x}",
    ];

    private static readonly string[] TextFields = ["title", "summary", "description", "licence", "publisher", "contactPoint", "language", "kind", "accessPolicy"];

    public static IEnumerable<(string Name, byte[] Body)> Cases(int seed, int count)
    {
        var random = new Random(seed);
        foreach (var fixedCase in FixedCases())
        {
            yield return fixedCase;
        }

        for (var i = 0; i < count; i++)
        {
            var resource = Valid();
            var name = Spoil(resource, random);
            yield return ($"#{i} {name}", Encoding.UTF8.GetBytes(resource.ToJsonString()));
        }
    }

    private static IEnumerable<(string Name, byte[] Body)> FixedCases()
    {
        var valid = Valid().ToJsonString();
        yield return ("empty body", []);
        yield return ("null", "null"u8.ToArray());
        yield return ("an array", "[]"u8.ToArray());
        yield return ("a number", "42"u8.ToArray());
        yield return ("truncated", Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]));
        yield return ("trailing garbage", Encoding.UTF8.GetBytes(valid + "}}"));
        yield return ("nesting 10,000 deep", Encoding.UTF8.GetBytes(valid.TrimEnd('}') + ",\"description\":" + new string('[', 10_000) + new string(']', 10_000) + "}"));
        yield return ("nesting 70 deep", Encoding.UTF8.GetBytes(valid.TrimEnd('}') + ",\"model\":" + string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 71)));
        var invalidUtf8 = Encoding.UTF8.GetBytes(valid.Replace("Trillingsmetingen", "Trillings\u0001", StringComparison.Ordinal)).ToList();
        var at = invalidUtf8.IndexOf(0x01);
        invalidUtf8[at] = 0xC3;
        invalidUtf8.Insert(at + 1, 0x28);
        yield return ("invalid UTF-8 in the title", [.. invalidUtf8]);
        yield return ("lone continuation byte", [.. Encoding.UTF8.GetBytes("{\"title\":\""), 0x80, .. Encoding.UTF8.GetBytes("\"}")]);
        yield return ("UTF-16 instead of UTF-8", Encoding.Unicode.GetBytes(valid));
        yield return ("a 300 KiB body", Encoding.UTF8.GetBytes(valid.TrimEnd('}') + ",\"description\":\"" + new string('x', 300 * 1024) + "\"}"));
        yield return ("random bytes", new Random(7).GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 4096));
    }

    private static JsonObject Valid() => new()
    {
        ["kind"] = "dataset",
        ["title"] = "Trillingsmetingen CNC-freesmachines",
        ["summary"] = "Vibration measurements of milling machines.",
        ["keywords"] = new JsonArray("predictive maintenance", "trillingen"),
        ["themes"] = new JsonArray("TECH"),
        ["licence"] = "CC-BY-4.0",
        ["accessPolicy"] = "federation",
        ["publisher"] = "TU Eindhoven",
        ["language"] = "nl",
    };

    /// <summary>Spoils one part of a valid resource so that it can no longer be accepted; returns what was done.</summary>
    private static string Spoil(JsonObject resource, Random random)
    {
        var field = TextFields[random.Next(TextFields.Length)];
        switch (random.Next(12))
        {
            case 0:
                resource[field] = new string('x', random.Next(20_001, 100_000));
                return $"{field} far too long";
            case 1:
                resource[field] = random.Next(3) switch { 0 => (JsonNode)12345, 1 => new JsonArray("a"), _ => new JsonObject { ["a"] = 1 } };
                return $"{field} of the wrong type";
            case 2:
                resource["kind"] = Hostile[random.Next(Hostile.Length)] + "x";
                return $"kind '{resource["kind"]}'";
            case 3:
                resource["title"] = "Title " + Hostile[random.Next(Hostile.Length)] + "\u0007";
                return "title with a control character";
            case 4:
                resource["keywords"] = new JsonArray([.. Enumerable.Range(0, random.Next(31, 5_000)).Select(i => (JsonNode)$"k{i}")]);
                return "too many keywords";
            case 5:
                resource["keywords"] = new JsonArray(new string('k', random.Next(61, 10_000)));
                return "a keyword far too long";
            case 6:
                resource["licence"] = Hostile[random.Next(Hostile.Length)] + "-not-a-licence";
                return $"licence '{resource["licence"]}'";
            case 7:
                resource[$"unexpected{random.Next(100)}"] = Hostile[random.Next(Hostile.Length)];
                return "an unknown property";
            case 8:
                resource["dataset"] = new JsonObject { ["temporalStart"] = Hostile[random.Next(Hostile.Length)] + "2024-13-45" };
                return "a date that is no date";
            case 9:
                resource["kind"] = "model";
                resource["model"] = new JsonObject
                {
                    ["parameterCount"] = random.Next(2) == 0 ? -random.Next(1, int.MaxValue) : (JsonNode)"many",
                    ["aiAct"] = new JsonObject { ["riskClass"] = Hostile[random.Next(Hostile.Length)] + "high" },
                };
                return "a model card with a negative or textual size and an unknown risk class";
            case 10:
                resource.Remove(random.Next(2) == 0 ? "title" : "publisher");
                return "a required field missing";
            default:
                resource["accessPolicy"] = Hostile[random.Next(Hostile.Length)] + "everyone";
                return $"access policy '{resource["accessPolicy"]}'";
        }
    }
}
