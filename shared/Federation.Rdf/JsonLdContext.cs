using System.Text.Json;

namespace Federation.Rdf;

/// <summary>
/// A JSON-LD 1.1 active context: base, vocabulary mapping, default language and term definitions, as the context
/// processing algorithm builds them from inline contexts. A remote context (a URL) is refused: fetching it would let
/// a document make the reader call any address, and a harvested page would read differently as that address changed.
/// </summary>
internal sealed class JsonLdContext
{
    private static readonly HashSet<string> Keywords =
    [
        "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index", "@json",
        "@language", "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse", "@set", "@type",
        "@value", "@version", "@vocab",
    ];

    // The most terms one context may define: real contexts (schema.org's is the largest in use) have a few thousand.
    private const int MaxTerms = 10_000;

    private readonly Dictionary<string, JsonLdTerm> terms;

    // A scoped context is applied to every value of its term: each distinct one is worked out once per context.
    private readonly Dictionary<string, JsonLdContext> derived = new(StringComparer.Ordinal);

    private JsonLdContext(string? baseIri, string? vocab, string? language, Dictionary<string, JsonLdTerm> terms)
    {
        Base = baseIri;
        Vocab = vocab;
        Language = language;
        this.terms = terms;
    }

    public string? Base { get; }

    public string? Vocab { get; }

    public string? Language { get; }

    public static JsonLdContext Initial(string? baseIri) => new(baseIri, null, null, new Dictionary<string, JsonLdTerm>(StringComparer.Ordinal));

    public static bool IsKeyword(string value) => Keywords.Contains(value);

    public JsonLdTerm? Term(string key) => terms.GetValueOrDefault(key);

    /// <summary>The context after a local context (an object, an array of them, or null) is applied.</summary>
    public JsonLdContext With(JsonElement local)
    {
        var key = local.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? local.GetRawText() : null;
        if (key is not null && derived.TryGetValue(key, out var known))
        {
            return known;
        }

        var result = this;
        foreach (var part in local.ValueKind == JsonValueKind.Array ? local.EnumerateArray().ToList() : [local])
        {
            result = part.ValueKind switch
            {
                JsonValueKind.Null => Initial(Base),
                JsonValueKind.String => throw new FormatException(
                    $"JSON-LD: the remote context '{part.GetString()}' is not fetched; put the context in the document itself."),
                JsonValueKind.Object => result.WithDefinitions(part),
                _ => throw new FormatException("JSON-LD: a @context must be an object, an array of objects, or null."),
            };
        }

        if (key is not null && derived.Count < 100)
        {
            derived[key] = result;
        }

        return result;
    }

    /// <summary>
    /// Expands a value to an IRI (or a keyword, or a blank node id): a term when <paramref name="vocab"/> (property
    /// names, types), a compact IRI by its prefix, an absolute IRI as it is, else against the vocabulary mapping or the
    /// base. Null when it cannot be made into one; JSON-LD then drops what it names.
    /// </summary>
    public string? ExpandIri(string value, bool vocab, bool documentRelative)
    {
        if (value.StartsWith('@'))
        {
            return IsKeyword(value) ? value : null;
        }

        if (vocab && terms.TryGetValue(value, out var term))
        {
            return term.Id;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var prefix = value[..colon];
            var suffix = value[(colon + 1)..];
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal))
            {
                return value;
            }

            if (terms.TryGetValue(prefix, out var prefixTerm) && prefixTerm.Prefix && prefixTerm.Id is { } ns && !IsKeyword(ns))
            {
                return ns + suffix;
            }

            if (IriText.HasScheme(value))
            {
                return value;
            }
        }

        if (vocab && Vocab is not null)
        {
            return Vocab + value;
        }

        return documentRelative ? IriText.Resolve(value, Base) : null;
    }

    private JsonLdContext WithDefinitions(JsonElement local)
    {
        var baseIri = Base;
        var vocab = Vocab;
        var language = Language;
        if (local.TryGetProperty("@import", out _))
        {
            throw new FormatException("JSON-LD: @import names a remote context, which is not fetched; put the context in the document itself.");
        }

        if (local.TryGetProperty("@base", out var baseValue))
        {
            baseIri = baseValue.ValueKind == JsonValueKind.Null ? null
                : baseValue.ValueKind == JsonValueKind.String ? IriText.Resolve(baseValue.GetString()!, Base) ?? throw new FormatException("JSON-LD: @base is not an IRI.")
                : throw new FormatException("JSON-LD: @base must be a string or null.");
        }

        var next = new JsonLdContext(baseIri, vocab, language, new Dictionary<string, JsonLdTerm>(terms, StringComparer.Ordinal));
        if (local.TryGetProperty("@vocab", out var vocabValue))
        {
            vocab = vocabValue.ValueKind == JsonValueKind.Null ? null
                : vocabValue.ValueKind == JsonValueKind.String ? next.ExpandIri(vocabValue.GetString()!, vocab: true, documentRelative: true)
                : throw new FormatException("JSON-LD: @vocab must be a string or null.");
            next = new JsonLdContext(baseIri, vocab, language, next.terms);
        }

        if (local.TryGetProperty("@language", out var languageValue))
        {
            language = languageValue.ValueKind == JsonValueKind.Null ? null
                : languageValue.ValueKind == JsonValueKind.String && LanguageTags.IsValid(languageValue.GetString()!) ? LanguageTags.Normalise(languageValue.GetString()!)
                : throw new FormatException("JSON-LD: @language must be a language tag or null.");
            next = new JsonLdContext(baseIri, vocab, language, next.terms);
        }

        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in local.EnumerateObject().Where(entry => !entry.Name.StartsWith('@')))
        {
            entries[entry.Name] = entry.Value;
        }

        if (entries.Count > MaxTerms)
        {
            throw new FormatException($"JSON-LD: a context may define at most {MaxTerms} terms; this one defines {entries.Count}.");
        }

        var defining = new HashSet<string>(StringComparer.Ordinal);
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in entries.Keys)
        {
            next.Define(entries, name, defining, defined);
        }

        return next;
    }

    // Creates the definition of a term, first defining the terms of the same local context it is written with (a
    // compact IRI whose prefix is defined beside it), and refusing a definition that depends on itself. A chain of
    // terms defined by way of one another is followed at most RdfLimits.MaxNesting deep: deeper is refused, not
    // recursed into until the stack ends.
    private void Define(Dictionary<string, JsonElement> local, string name, HashSet<string> defining, HashSet<string> defined)
    {
        if (defined.Contains(name) || !local.TryGetValue(name, out var value))
        {
            return;
        }

        if (!defining.Add(name))
        {
            throw new FormatException($"JSON-LD: the term '{name}' is defined by way of itself.");
        }

        if (defining.Count > RdfLimits.MaxNesting)
        {
            throw new FormatException($"JSON-LD: terms may be defined by way of one another at most {RdfLimits.MaxNesting} deep.");
        }

        void DependOn(string iri)
        {
            var colon = iri.IndexOf(':', StringComparison.Ordinal);
            var prefix = colon > 0 ? iri[..colon] : iri;
            if (prefix != name && local.ContainsKey(prefix))
            {
                Define(local, prefix, defining, defined);
            }
        }

        static string Text(JsonElement element, string what) =>
            element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new FormatException($"JSON-LD: {what} must be a string.");

        string? id = null;
        string? type = null;
        string? language = null;
        var hasLanguage = false;
        string? container = null;
        var reverse = false;
        bool? prefixFlag = null;
        JsonElement? scoped = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                terms[name] = JsonLdTerm.Nothing;
                defining.Remove(name);
                defined.Add(name);
                return;
            case JsonValueKind.String:
                DependOn(value.GetString()!);
                id = ExpandIri(value.GetString()!, vocab: true, documentRelative: false);
                break;
            case JsonValueKind.Object:
                if (value.TryGetProperty("@reverse", out var reverseValue))
                {
                    var reversed = Text(reverseValue, $"the @reverse of the term '{name}'");
                    DependOn(reversed);
                    id = ExpandIri(reversed, vocab: true, documentRelative: false);
                    reverse = true;
                }
                else if (value.TryGetProperty("@id", out var idValue))
                {
                    if (idValue.ValueKind == JsonValueKind.Null)
                    {
                        terms[name] = JsonLdTerm.Nothing;
                        defining.Remove(name);
                        defined.Add(name);
                        return;
                    }

                    var given = Text(idValue, $"the @id of the term '{name}'");
                    DependOn(given);
                    id = ExpandIri(given, vocab: true, documentRelative: false);
                }
                else
                {
                    DependOn(name);
                    id = OwnIri(name);
                }

                if (value.TryGetProperty("@type", out var typeValue))
                {
                    var typeName = Text(typeValue, $"the @type of the term '{name}'");
                    DependOn(typeName);
                    type = typeName is "@id" or "@vocab" or "@json" or "@none" ? typeName : ExpandIri(typeName, vocab: true, documentRelative: false);
                }

                if (value.TryGetProperty("@language", out var languageValue))
                {
                    hasLanguage = true;
                    language = languageValue.ValueKind == JsonValueKind.String && LanguageTags.IsValid(languageValue.GetString()!)
                        ? LanguageTags.Normalise(languageValue.GetString()!)
                        : languageValue.ValueKind == JsonValueKind.Null ? null
                        : throw new FormatException($"JSON-LD: the @language of the term '{name}' is not a language tag.");
                }

                if (value.TryGetProperty("@container", out var containerValue))
                {
                    var containers = containerValue.ValueKind == JsonValueKind.Array
                        ? containerValue.EnumerateArray().Select(c => Text(c, $"the @container of the term '{name}'")).ToList()
                        : [Text(containerValue, $"the @container of the term '{name}'")];
                    container = containers.FirstOrDefault(c => c is not "@set") ?? containers.FirstOrDefault();
                }

                if (value.TryGetProperty("@prefix", out var prefixValue))
                {
                    prefixFlag = prefixValue.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new FormatException($"JSON-LD: the @prefix of the term '{name}' must be true or false."),
                    };
                }

                if (value.TryGetProperty("@context", out var scopedValue))
                {
                    scoped = scopedValue.Clone();
                }

                break;
            default:
                throw new FormatException($"JSON-LD: the term '{name}' must be defined by a string, an object or null.");
        }

        if (value.ValueKind == JsonValueKind.String && id is null)
        {
            id = OwnIri(name);
        }

        // JSON-LD 1.1: a term serves as a prefix when it says so, or when it is a simple term (a string) whose IRI ends
        // with a general delimiter, as "dct": "http://purl.org/dc/terms/" does; never a term with a colon in it.
        var prefix = !name.Contains(':', StringComparison.Ordinal)
            && (prefixFlag ?? (value.ValueKind == JsonValueKind.String && id is { Length: > 0 } iri && iri[^1] is ':' or '/' or '?' or '#' or '[' or ']' or '@'));
        terms[name] = new JsonLdTerm(id, type, language, hasLanguage, container, reverse, scoped, prefix);
        defining.Remove(name);
        defined.Add(name);
    }

    // A term defined without an @id names the IRI it spells (a compact or absolute IRI), or the vocabulary's word.
    private string? OwnIri(string name) =>
        name.Contains(':', StringComparison.Ordinal) ? ExpandIri(name, vocab: false, documentRelative: false) ?? (IriText.HasScheme(name) ? name : null)
        : Vocab is not null ? Vocab + name
        : null;
}


