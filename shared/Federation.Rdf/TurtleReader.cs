using System.Globalization;
using System.Text;

namespace Federation.Rdf;

/// <summary>
/// Reads RDF 1.1 Turtle (prefixes and base in both spellings, prefixed names with escapes, <c>a</c>, blank nodes by
/// label and in brackets, collections, the four string forms with escapes, language tags, datatypes, numbers and
/// booleans with their XSD types, relative IRIs against the base) into an <see cref="RdfGraph"/>. A syntax error
/// throws <see cref="FormatException"/> naming the line.
/// </summary>
public sealed class TurtleReader
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    // Brackets and parentheses are read recursively; real descriptions nest two or three deep, and a document
    // nested thousands deep must be refused before it overflows the stack (found by ImportAbuseSpecs).
    private const int MaxNesting = RdfLimits.MaxNesting;

    private readonly string text;
    private readonly Dictionary<string, string> prefixes = new(StringComparer.Ordinal);
    private readonly GraphBuilder builder;
    private string? baseIri;
    private int position;

    private TurtleReader(string text, string? baseIri, int maxTriples)
    {
        this.text = text;
        this.baseIri = baseIri;
        builder = new GraphBuilder('t', maxTriples);
    }

    /// <summary>Reads the document; relative IRIs resolve against <paramref name="baseIri"/> (the address it came from) until it says @base.</summary>
    public static RdfGraph Read(string text, string? baseIri = null, int maxTriples = RdfLimits.MaxTriples)
    {
        var reader = new TurtleReader(text, baseIri, maxTriples);
        reader.ReadDocument();
        return reader.builder.Graph;
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
                baseIri = ReadIriReference();
                Expect('.');
            }
            else if (TryKeyword("PREFIX", caseSensitive: false))
            {
                ReadPrefix();
            }
            else if (TryKeyword("BASE", caseSensitive: false))
            {
                baseIri = ReadIriReference();
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
        var isPropertyList = Peek() == '[';
        var subject = isPropertyList ? ReadBlankNodePropertyList() : ReadSubject();
        SkipSpace();
        if (isPropertyList && Peek() == '.')
        {
            return; // "[ ... ] ." states its properties and nothing more.
        }

        ReadPredicateObjectList(subject);
    }

    private RdfTerm ReadSubject() => Peek() switch
    {
        '(' => ReadCollection(),
        _ => ReadIriOrBlankNode(),
    };

    private void ReadPredicateObjectList(RdfTerm subject)
    {
        while (true)
        {
            SkipSpace();
            var predicate = new RdfIri(TryKeyword("a", caseSensitive: true, delimited: true) ? Rdf + "type" : ReadIri());
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

    private RdfTerm ReadObject()
    {
        SkipSpace();
        var c = Peek();
        if (c == '[')
        {
            return ReadBlankNodePropertyList();
        }

        if (c == '(')
        {
            return ReadCollection();
        }

        if (c is '"' or '\'')
        {
            return ReadLiteral();
        }

        if (c is '+' or '-' or '.' || char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        foreach (var truth in (string[])["true", "false"])
        {
            if (TryKeyword(truth, caseSensitive: true, delimited: true))
            {
                return RdfTerm.Typed(truth, Xsd + "boolean");
            }
        }

        return ReadIriOrBlankNode();
    }

    private RdfBlank ReadBlankNodePropertyList()
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

        builder.Leave();
        return node;
    }

    private RdfTerm ReadCollection()
    {
        Expect('(');
        Nest();
        var items = new List<RdfTerm>();
        SkipSpace();
        while (!TryChar(')'))
        {
            items.Add(ReadObject());
            SkipSpace();
        }

        builder.Leave();

        RdfTerm list = new RdfIri(Rdf + "nil");
        for (var i = items.Count - 1; i >= 0; i--)
        {
            var cell = NewBlankNode();
            Add(cell, new RdfIri(Rdf + "first"), items[i]);
            Add(cell, new RdfIri(Rdf + "rest"), list);
            list = cell;
        }

        return list;
    }

    private RdfLiteral ReadLiteral()
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

        if (TryChar('@'))
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '-'))
            {
                position++;
            }

            var tag = text[start..position];
            return LanguageTags.IsValid(tag) ? RdfTerm.Text(value.ToString(), LanguageTags.Normalise(tag)) : throw Error($"'@{tag}' is not a language tag");
        }

        if (position + 1 < text.Length && text[position] == '^' && text[position + 1] == '^')
        {
            position += 2;
            var datatype = ReadIri();
            return datatype == Xsd + "string" ? RdfTerm.Text(value.ToString()) : RdfTerm.Typed(value.ToString(), datatype);
        }

        return RdfTerm.Text(value.ToString());
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

    // INTEGER, DECIMAL and DOUBLE of the grammar, each with its XSD datatype, the lexical form kept as written.
    private RdfLiteral ReadNumber()
    {
        var start = position;
        if (Peek() is '+' or '-')
        {
            position++;
        }

        var digits = SkipDigits();
        var fraction = 0;
        if (Peek() == '.' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1]))
        {
            position++;
            fraction = SkipDigits();
        }
        else if (Peek() == '.' && digits > 0 && position + 1 < text.Length && text[position + 1] is 'e' or 'E')
        {
            position++; // "1.e5": a DOUBLE whose fraction is empty
        }

        var exponent = false;
        if (Peek() is 'e' or 'E' && digits + fraction > 0)
        {
            exponent = true;
            position++;
            if (Peek() is '+' or '-')
            {
                position++;
            }

            if (SkipDigits() == 0)
            {
                throw Error($"'{text[start..position]}' is not a number");
            }
        }

        if (digits + fraction == 0)
        {
            throw Error($"'{text[start..Math.Min(text.Length, position + 1)]}' is not a number");
        }

        var number = text[start..position];
        return RdfTerm.Typed(number, exponent ? Xsd + "double" : fraction > 0 || number.Contains('.', StringComparison.Ordinal) ? Xsd + "decimal" : Xsd + "integer");
    }

    private int SkipDigits()
    {
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return position - start;
    }

    private RdfTerm ReadIriOrBlankNode()
    {
        if (position + 1 < text.Length && text[position] == '_' && text[position + 1] == ':')
        {
            position += 2;
            var label = ReadName(local: true);
            if (label.Length == 0)
            {
                throw Error("a blank node label is empty");
            }

            return builder.Labelled(label);
        }

        return new RdfIri(ReadIri());
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

    // IRIREF: '<' then anything but the forbidden characters, with \u and \U escapes; relative ones resolve against the base.
    private string ReadIriReference()
    {
        Expect('<');
        var iri = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error("an IRI is not closed with '>'");
            }

            var c = text[position];
            if (c == '>')
            {
                position++;
                break;
            }

            if (c == '\\')
            {
                position++;
                var kind = Peek();
                position++;
                var code = kind switch
                {
                    'u' => CodePoint(4),
                    'U' => CodePoint(8),
                    _ => throw Error("an IRI may hold only \\u and \\U escapes"),
                };
                if (code.Length == 1 && IriText.IsForbidden(code[0]))
                {
                    throw Error($"an IRI may not hold U+{(int)code[0]:X4}, escaped or not");
                }

                iri.Append(code);
                continue;
            }

            if (IriText.IsForbidden(c))
            {
                throw Error(c <= ' ' ? $"an IRI may not hold a space or control character (U+{(int)c:X4})" : $"an IRI may not hold '{c}'");
            }

            iri.Append(c);
            position++;
        }

        var reference = iri.ToString();
        return IriText.Resolve(reference, baseIri) ?? throw Error($"<{reference}> is relative and the document has no base");
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

    // PN_CHARS as the grammar has them: letters and digits, '_', '-', the middle dot, combining marks and the tie.
    private static bool IsNameChar(char c, bool local) =>
        char.IsLetterOrDigit(c) || c is '_' or '-' or '\u00B7' or (>= '\u0300' and <= '\u036F') or '\u203F' or '\u2040' || (local && c is ':' or '%');

    private void Add(RdfTerm subject, RdfIri predicate, RdfTerm value)
    {
        if (!builder.Add(subject, predicate.Value, value))
        {
            throw Error($"more than {builder.MaxTriples} triples");
        }
    }

    private void Nest()
    {
        if (!builder.Enter())
        {
            throw Error($"blank nodes and collections may nest at most {MaxNesting} deep");
        }
    }

    private RdfBlank NewBlankNode() => builder.NewBlank();

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
