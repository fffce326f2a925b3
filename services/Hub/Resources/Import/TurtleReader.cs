using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Federation.Hub.Resources.Import;

/// <summary>
/// Reads RDF 1.1 Turtle (prefixes and base in both spellings, prefixed names, <c>a</c>, blank nodes by label and in
/// brackets, collections, the four string forms with escapes, language tags, datatypes, numbers and booleans) and
/// gives the triples as a flat JSON-LD graph with full IRIs, which <see cref="JsonLdGraph"/> reads like any other.
/// So a DCAT-AP description is understood the same way whichever of the two syntaxes it came in.
/// </summary>
public sealed class TurtleReader
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const int MaxNodes = 10_000;

    // Brackets and parentheses are read recursively; real descriptions nest two or three deep, and a document
    // nested thousands deep must be refused before it overflows the stack (found by ImportAbuseSpecs).
    private const int MaxNesting = 64;

    private readonly string text;
    private readonly Dictionary<string, string> prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<JsonNode>>> subjects = new(StringComparer.Ordinal);
    private Uri? baseIri;
    private int position;
    private int blankNodes;
    private int nesting;

    private TurtleReader(string text) => this.text = text;

    /// <summary>The graph as <c>{"@graph": [...]}</c>; a syntax error throws <see cref="FormatException"/> naming the line.</summary>
    public static JsonObject ToJsonLd(string text)
    {
        var reader = new TurtleReader(text);
        reader.ReadDocument();
        var graph = new JsonArray();
        foreach (var (subject, properties) in reader.subjects)
        {
            var node = new JsonObject { ["@id"] = subject };
            foreach (var (predicate, values) in properties)
            {
                node[predicate == Rdf + "type" ? "@type" : predicate] = predicate == Rdf + "type"
                    ? new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v["@id"]!.GetValue<string>()))])
                    : new JsonArray([.. values]);
            }

            graph.Add(node);
        }

        return new JsonObject { ["@graph"] = graph };
    }

    private void ReadDocument()
    {
        while (true)
        {
            SkipSpace();
            if (position >= text.Length)
            {
                return;
            }

            if (TryKeyword("@prefix", caseSensitive: true))
            {
                ReadPrefix();
                Expect('.');
            }
            else if (TryKeyword("@base", caseSensitive: true))
            {
                baseIri = new Uri(ReadIriReference(), UriKind.Absolute);
                Expect('.');
            }
            else if (TryKeyword("PREFIX", caseSensitive: false))
            {
                ReadPrefix();
            }
            else if (TryKeyword("BASE", caseSensitive: false))
            {
                baseIri = new Uri(ReadIriReference(), UriKind.Absolute);
            }
            else
            {
                ReadTriples();
                Expect('.');
            }
        }
    }

    private void ReadPrefix()
    {
        SkipSpace();
        var start = position;
        while (position < text.Length && text[position] != ':' && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        var name = text[start..position];
        Expect(':');
        prefixes[name] = ReadIriReference();
    }

    private void ReadTriples()
    {
        SkipSpace();
        var subject = Peek() == '[' ? ReadBlankNodePropertyList() : ReadSubject();
        SkipSpace();
        if (subject.StartsWith("_:", StringComparison.Ordinal) && Peek() == '.')
        {
            return; // "[ ... ] ." states its properties and nothing more.
        }

        ReadPredicateObjectList(subject);
    }

    private string ReadSubject() => Peek() switch
    {
        '(' => ReadCollection(),
        _ => ReadIriOrBlankNode(),
    };

    private void ReadPredicateObjectList(string subject)
    {
        while (true)
        {
            SkipSpace();
            var predicate = TryKeyword("a", caseSensitive: true, delimited: true) ? Rdf + "type" : ReadIri();
            do
            {
                Add(subject, predicate, ReadObject());
                SkipSpace();
            }
            while (TryChar(','));

            if (!TryChar(';'))
            {
                return;
            }

            SkipSpace();
            while (TryChar(';'))
            {
                SkipSpace();
            }

            if (Peek() is '.' or ']' or '\0')
            {
                return; // a trailing ';' is allowed
            }
        }
    }

    private JsonNode ReadObject()
    {
        SkipSpace();
        var c = Peek();
        if (c == '[')
        {
            return Reference(ReadBlankNodePropertyList());
        }

        if (c == '(')
        {
            return Reference(ReadCollection());
        }

        if (c is '"' or '\'')
        {
            return ReadLiteral();
        }

        if (c is '+' or '-' || char.IsAsciiDigit(c))
        {
            return new JsonObject { ["@value"] = ReadNumber() };
        }

        foreach (var truth in (string[])["true", "false"])
        {
            if (TryKeyword(truth, caseSensitive: true, delimited: true))
            {
                return new JsonObject { ["@value"] = truth };
            }
        }

        return Reference(ReadIriOrBlankNode());
    }

    private string ReadBlankNodePropertyList()
    {
        Expect('[');
        Nest();
        var node = NewBlankNode();
        SkipSpace();
        if (!TryChar(']'))
        {
            ReadPredicateObjectList(node);
            Expect(']');
        }

        nesting--;
        return node;
    }

    private string ReadCollection()
    {
        Expect('(');
        Nest();
        var items = new List<JsonNode>();
        SkipSpace();
        while (!TryChar(')'))
        {
            items.Add(ReadObject());
            SkipSpace();
        }

        nesting--;

        var list = Rdf + "nil";
        for (var i = items.Count - 1; i >= 0; i--)
        {
            var cell = NewBlankNode();
            Add(cell, Rdf + "first", items[i]);
            Add(cell, Rdf + "rest", Reference(list));
            list = cell;
        }

        return list;
    }

    private JsonObject ReadLiteral()
    {
        var quote = text[position];
        var isLong = position + 2 < text.Length && text[position + 1] == quote && text[position + 2] == quote;
        position += isLong ? 3 : 1;
        var value = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error("a string is not closed");
            }

            var c = text[position];
            if (c == quote && (!isLong || (position + 2 < text.Length && text[position + 1] == quote && text[position + 2] == quote)))
            {
                position += isLong ? 3 : 1;
                break;
            }

            if (!isLong && c is '\n' or '\r')
            {
                throw Error("a line break inside a short string (use \"\"\" for long text)");
            }

            if (c == '\\')
            {
                value.Append(ReadEscape());
                continue;
            }

            value.Append(c);
            position++;
        }

        var literal = new JsonObject { ["@value"] = value.ToString() };
        if (TryChar('@'))
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '-'))
            {
                position++;
            }

            literal["@language"] = text[start..position].ToLowerInvariant();
        }
        else if (position + 1 < text.Length && text[position] == '^' && text[position + 1] == '^')
        {
            position += 2;
            literal["@type"] = ReadIri();
        }

        return literal;
    }

    private string ReadEscape()
    {
        position++;
        var c = position < text.Length ? text[position] : '\0';
        position++;
        return c switch
        {
            't' => "\t", 'b' => "\b", 'n' => "\n", 'r' => "\r", 'f' => "\f", '"' => "\"", '\'' => "'", '\\' => "\\",
            'u' => CodePoint(4),
            'U' => CodePoint(8),
            _ => throw Error($"unknown escape \\{c}"),
        };
    }

    private string CodePoint(int digits)
    {
        if (position + digits > text.Length
            || !int.TryParse(text.AsSpan(position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
        {
            throw Error("a \\u or \\U escape is not a valid code point");
        }

        position += digits;
        return char.ConvertFromUtf32(code);
    }

    private string ReadNumber()
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '+' or '-' or '.' or 'e' or 'E'))
        {
            // A '.' followed by no digit ends the statement rather than continuing the number.
            if (text[position] == '.' && (position + 1 >= text.Length || !char.IsAsciiDigit(text[position + 1])))
            {
                break;
            }

            position++;
        }

        var number = text[start..position];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? number : throw Error($"'{number}' is not a number");
    }

    private string ReadIriOrBlankNode()
    {
        if (position + 1 < text.Length && text[position] == '_' && text[position + 1] == ':')
        {
            position += 2;
            return "_:l" + ReadName();
        }

        return ReadIri();
    }

    private string ReadIri()
    {
        SkipSpace();
        if (Peek() == '<')
        {
            return ReadIriReference();
        }

        var prefix = ReadName();
        Expect(':', skipSpace: false);
        var local = ReadName(local: true);
        return prefixes.TryGetValue(prefix, out var ns) ? ns + local : throw Error($"the prefix '{prefix}:' is not declared");
    }

    private string ReadIriReference()
    {
        Expect('<');
        var end = text.IndexOf('>', position);
        if (end < 0)
        {
            throw Error("an IRI is not closed with '>'");
        }

        var iri = text[position..end];
        position = end + 1;
        if (iri.Any(c => char.IsWhiteSpace(c) || c is '<' or '"' or '{' or '}' or '|' or '^' or '`'))
        {
            throw Error($"'{iri}' is not an IRI");
        }

        return baseIri is not null && !Uri.IsWellFormedUriString(iri, UriKind.Absolute) && Uri.TryCreate(baseIri, iri, out var resolved)
            ? resolved.ToString()
            : iri;
    }

    private string ReadName(bool local = false)
    {
        var start = position;
        var name = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position];
            if (local && c == '\\' && position + 1 < text.Length)
            {
                name.Append(text[position + 1]);
                position += 2;
                continue;
            }

            var dotInside = c == '.' && position + 1 < text.Length && IsNameChar(text[position + 1], local) && position > start;
            if (!IsNameChar(c, local) && !dotInside)
            {
                break;
            }

            name.Append(c);
            position++;
        }

        return name.ToString();
    }

    private static bool IsNameChar(char c, bool local) => char.IsLetterOrDigit(c) || c is '_' or '-' || (local && c is ':' or '%');

    private void Add(string subject, string predicate, JsonNode value)
    {
        if (!subjects.TryGetValue(subject, out var properties))
        {
            if (subjects.Count >= MaxNodes)
            {
                throw Error($"more than {MaxNodes} nodes");
            }

            subjects[subject] = properties = new Dictionary<string, List<JsonNode>>(StringComparer.Ordinal);
        }

        if (!properties.TryGetValue(predicate, out var values))
        {
            properties[predicate] = values = [];
        }

        values.Add(value);
    }

    private void Nest()
    {
        if (++nesting > MaxNesting)
        {
            throw Error($"blank nodes and collections may nest at most {MaxNesting} deep");
        }
    }

    private static JsonObject Reference(string iri) => new() { ["@id"] = iri };

    private string NewBlankNode() => $"_:b{++blankNodes}";

    private void SkipSpace()
    {
        while (position < text.Length)
        {
            if (char.IsWhiteSpace(text[position]))
            {
                position++;
            }
            else if (text[position] == '#')
            {
                while (position < text.Length && text[position] != '\n')
                {
                    position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private bool TryChar(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        position++;
        return true;
    }

    private bool TryKeyword(string keyword, bool caseSensitive, bool delimited = false)
    {
        var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var end = position + keyword.Length;
        if (end > text.Length || string.Compare(text, position, keyword, 0, keyword.Length, comparison) != 0
            || (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is ':' or '_' or '-') && (delimited || !keyword.StartsWith('@'))))
        {
            return false;
        }

        position = end;
        return true;
    }

    private void Expect(char c, bool skipSpace = true)
    {
        if (skipSpace)
        {
            SkipSpace();
        }

        if (!TryChar(c))
        {
            throw Error(position >= text.Length ? $"the text ends where '{c}' was expected" : $"expected '{c}' but found '{text[position]}'");
        }
    }

    private FormatException Error(string problem)
    {
        var line = 1 + text.AsSpan(0, Math.Min(position, text.Length)).Count('\n');
        return new FormatException($"Turtle, line {line}: {problem}.");
    }
}
