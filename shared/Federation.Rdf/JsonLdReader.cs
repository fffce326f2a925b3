using System.Globalization;
using System.Text.Json;

namespace Federation.Rdf;

/// <summary>
/// Reads JSON-LD 1.1 into an <see cref="RdfGraph"/>, following the expansion and RDF conversion algorithms for what
/// documents of catalogues use: inline contexts (terms, prefixes, <c>@vocab</c>, <c>@base</c>, <c>@language</c>, type
/// coercion to IRIs and datatypes, keyword aliases, scoped contexts), compact IRIs anywhere an IRI is expected
/// (<c>@id</c> values too), <c>@graph</c> (named graphs are read into the one graph), language maps, index and id
/// maps, <c>@list</c> and <c>@set</c>, <c>@reverse</c>, <c>@nest</c>, <c>@included</c>, native numbers and booleans
/// with their XSD types. What JSON-LD drops (a property that expands to no IRI, a relative IRI with no base) is dropped
/// here too. A document that is not JSON-LD throws <see cref="FormatException"/>.
/// </summary>
public sealed class JsonLdReader
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    private readonly GraphBuilder builder;

    private JsonLdReader(int maxTriples) => builder = new GraphBuilder('j', maxTriples);

    public static RdfGraph Read(JsonElement document, string? baseIri = null, int maxTriples = RdfLimits.MaxTriples)
    {
        var reader = new JsonLdReader(maxTriples);
        var context = JsonLdContext.Initial(baseIri);
        if (document.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in document.EnumerateArray())
            {
                reader.ReadTopLevel(item, context);
            }
        }
        else if (document.ValueKind == JsonValueKind.Object)
        {
            reader.ReadTopLevel(document, context);
        }
        else
        {
            throw new FormatException("JSON-LD: a document is an object or an array of objects.");
        }

        return reader.builder.Graph;
    }

    // A top-level object that holds only @graph (and @context) is the graph's container, not a node.
    private void ReadTopLevel(JsonElement item, JsonLdContext context)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (item.TryGetProperty("@context", out var local))
        {
            context = context.With(local);
        }

        var keys = item.EnumerateObject().Select(p => context.ExpandIri(p.Name, vocab: true, documentRelative: false)).ToList();
        if (keys.Contains("@graph") && keys.All(k => k is "@graph" or "@context"))
        {
            var graphKey = item.EnumerateObject().First(p => context.ExpandIri(p.Name, vocab: true, documentRelative: false) == "@graph");
            foreach (var node in Items(graphKey.Value))
            {
                ReadNode(node, context);
            }

            return;
        }

        ReadNode(item, context);
    }

    /// <summary>Reads a node object's triples and returns the node; null when its @id cannot be an IRI.</summary>
    private RdfTerm? ReadNode(JsonElement node, JsonLdContext context)
    {
        Nest();
        try
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"JSON-LD: expected a node object, found {node.ValueKind.ToString().ToLowerInvariant()}.");
            }

            if (node.TryGetProperty("@context", out var local))
            {
                context = context.With(local);
            }

            var entries = node.EnumerateObject().Select(p => (Key: p.Name, Iri: context.ExpandIri(p.Name, vocab: true, documentRelative: false), p.Value)).ToList();
            var idEntry = entries.FirstOrDefault(e => e.Iri == "@id");
            RdfTerm? subject = idEntry.Key is null ? NewBlank()
                : idEntry.Value.ValueKind == JsonValueKind.String ? NodeReference(idEntry.Value.GetString()!, context, vocab: false)
                : throw new FormatException("JSON-LD: @id must be a string.");
            ReadProperties(subject, entries, context);
            return subject;
        }
        finally
        {
            builder.Leave();
        }
    }

    private void ReadProperties(RdfTerm? subject, IEnumerable<(string Key, string? Iri, JsonElement Value)> entries, JsonLdContext context)
    {
        foreach (var (key, iri, value) in entries)
        {
            switch (iri)
            {
                case null or "@id" or "@context" or "@index":
                    break;
                case "@type":
                    foreach (var type in Items(value))
                    {
                        if (type.ValueKind == JsonValueKind.String && context.ExpandIri(type.GetString()!, vocab: true, documentRelative: true) is { } typeIri)
                        {
                            Add(subject, Rdf + "type", Reference(typeIri));
                        }
                    }

                    break;
                case "@graph" or "@included":
                    foreach (var item in Items(value))
                    {
                        ReadNode(item, context);
                    }

                    break;
                case "@reverse":
                    ReadReverse(subject, value, context);
                    break;
                case "@nest":
                    foreach (var nested in Items(value).Where(n => n.ValueKind == JsonValueKind.Object))
                    {
                        ReadProperties(subject, nested.EnumerateObject().Select(p => (p.Name, context.ExpandIri(p.Name, vocab: true, documentRelative: false), p.Value)), context);
                    }

                    break;
                case var keyword when keyword.StartsWith('@'):
                    break;
                default:
                    var term = context.Term(key);
                    var valueContext = term?.Context is { } scoped ? context.With(scoped) : context;
                    if (!IriText.HasScheme(iri) || iri.StartsWith("_:", StringComparison.Ordinal))
                    {
                        break; // JSON-LD keeps only properties that are IRIs
                    }

                    foreach (var target in Values(value, term, valueContext))
                    {
                        if (term?.Reverse == true)
                        {
                            if (target is not RdfLiteral && subject is not null)
                            {
                                Add(target, iri, subject);
                            }
                        }
                        else
                        {
                            Add(subject, iri, target);
                        }
                    }

                    break;
            }
        }
    }

    private void ReadReverse(RdfTerm? subject, JsonElement value, JsonLdContext context)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("JSON-LD: @reverse must be an object.");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (context.ExpandIri(property.Name, vocab: true, documentRelative: false) is { } iri && IriText.HasScheme(iri) && subject is not null)
            {
                foreach (var source in Values(property.Value, context.Term(property.Name), context).Where(v => v is not RdfLiteral))
                {
                    Add(source, iri, subject);
                }
            }
        }
    }

    /// <summary>The RDF terms a property's value stands for, read with the term's definition.</summary>
    private List<RdfTerm> Values(JsonElement value, JsonLdTerm? term, JsonLdContext context)
    {
        var values = new List<RdfTerm>();
        if (term?.Container == "@list" && !IsValueOrListObject(value, context))
        {
            // A single value under a list container is a list of one.
            values.Add(List(value.ValueKind == JsonValueKind.Array ? value : Wrap(value), term, context));
            return values;
        }

        if (value.ValueKind == JsonValueKind.Object && term?.Container is "@language" or "@index" or "@id" or "@type" && !IsValueOrListObject(value, context))
        {
            foreach (var entry in value.EnumerateObject())
            {
                foreach (var item in Items(entry.Value))
                {
                    values.AddRange(MapEntry(term.Container!, entry.Name, item, term, context));
                }
            }

            return values;
        }

        foreach (var item in Items(value))
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                // Outside @list JSON-LD 1.1 flattens an array held in an array.
                values.AddRange(Values(item, term is null ? null : term with { Container = null }, context));
            }
            else if (item.ValueKind == JsonValueKind.Object && SetOf(item, context) is { } members)
            {
                values.AddRange(Values(members, term is null ? null : term with { Container = null }, context));
            }
            else if (One(item, term, context) is { } one)
            {
                values.Add(one);
            }
        }

        return values;
    }

    // The members of a set object ({"@set": [...]}), which stand for themselves wherever the set stands.
    private static JsonElement? SetOf(JsonElement item, JsonLdContext context)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (context.ExpandIri(property.Name, vocab: true, documentRelative: false) == "@set")
            {
                return property.Value;
            }
        }

        return null;
    }

    private static JsonElement Wrap(JsonElement value)
    {
        using var document = JsonDocument.Parse("[" + value.GetRawText() + "]");
        return document.RootElement.Clone();
    }

    // Language maps give each string its key's language; id maps name the node; type maps type it; index maps only group.
    private IEnumerable<RdfTerm> MapEntry(string container, string key, JsonElement item, JsonLdTerm term, JsonLdContext context)
    {
        switch (container)
        {
            case "@language" when item.ValueKind == JsonValueKind.String:
                var isNone = key == "@none" || context.ExpandIri(key, vocab: true, documentRelative: false) == "@none";
                if (!isNone && !LanguageTags.IsValid(key))
                {
                    throw new FormatException($"JSON-LD: '{key}' in a language map is not a language tag.");
                }

                yield return isNone ? RdfTerm.Text(item.GetString()!) : RdfTerm.Text(item.GetString()!, LanguageTags.Normalise(key));
                break;
            case "@language" when item.ValueKind == JsonValueKind.Null:
                break;
            case "@language":
                throw new FormatException("JSON-LD: a language map holds strings only.");
            case "@id" when item.ValueKind == JsonValueKind.Object && !IsValueOrListObject(item, context):
                // The key is the node's @id unless the node gives its own.
                var hasId = item.EnumerateObject().Any(p => context.ExpandIri(p.Name, vocab: true, documentRelative: false) == "@id");
                var named = hasId || key == "@none" ? ReadNode(item, context)
                    : NodeReference(key, context, vocab: false) is { } id ? ReadNamed(item, id, context)
                    : null;
                if (named is not null)
                {
                    yield return named;
                }

                break;
            case "@type" when item.ValueKind is JsonValueKind.Object or JsonValueKind.String:
                var node = item.ValueKind == JsonValueKind.String ? NodeReference(item.GetString()!, context, vocab: false) : ReadNode(item, context);
                if (node is not null && key != "@none" && context.ExpandIri(key, vocab: true, documentRelative: true) is { } type)
                {
                    Add(node, Rdf + "type", Reference(type));
                }

                if (node is not null)
                {
                    yield return node;
                }

                break;
            default:
                if (One(item, term, context) is { } one)
                {
                    yield return one;
                }

                break;
        }
    }

    private RdfTerm ReadNamed(JsonElement node, RdfTerm id, JsonLdContext context)
    {
        if (node.TryGetProperty("@context", out var local))
        {
            context = context.With(local);
        }

        var entries = node.EnumerateObject().Select(p => (p.Name, context.ExpandIri(p.Name, vocab: true, documentRelative: false), p.Value)).ToList();
        ReadProperties(id, entries, context);
        return id;
    }

    /// <summary>One value: a string, number or boolean read by the term's type and language, a value, list or set object, or a node.</summary>
    private RdfTerm? One(JsonElement item, JsonLdTerm? term, JsonLdContext context)
    {
        switch (item.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False when term?.Type == "@json":
                return RdfTerm.Typed(CanonicalJsonLiteral.Of(item), Rdf + "JSON");
            case JsonValueKind.Object or JsonValueKind.Array when term?.Type == "@json":
                return RdfTerm.Typed(CanonicalJsonLiteral.Of(item), Rdf + "JSON");
            case JsonValueKind.String:
                var text = item.GetString()!;
                return term?.Type switch
                {
                    "@id" => NodeReference(text, context, vocab: false),
                    "@vocab" => NodeReference(text, context, vocab: true),
                    { } datatype when !datatype.StartsWith('@') => Literal(text, datatype),
                    _ => (term?.HasLanguage == true ? term.Language : context.Language) is { } language ? RdfTerm.Text(text, language) : RdfTerm.Text(text),
                };
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return Native(item, term?.Type is { } coerced && !coerced.StartsWith('@') ? coerced : null);
            case JsonValueKind.Array:
                throw new FormatException("JSON-LD: an array here must be the value of a property or a list.");
            case JsonValueKind.Object:
                return ObjectValue(item, term, context);
            default:
                return null;
        }
    }

    private RdfTerm? ObjectValue(JsonElement item, JsonLdTerm? term, JsonLdContext context)
    {
        var local = item.TryGetProperty("@context", out var contextValue) ? context.With(contextValue) : context;
        string? valueKey = null, listKey = null, setKey = null;
        foreach (var property in item.EnumerateObject())
        {
            switch (local.ExpandIri(property.Name, vocab: true, documentRelative: false))
            {
                case "@value": valueKey = property.Name; break;
                case "@list": listKey = property.Name; break;
                case "@set": setKey = property.Name; break;
            }
        }

        if (valueKey is not null)
        {
            return ValueObject(item, item.GetProperty(valueKey), local);
        }

        if (listKey is not null)
        {
            return List(item.GetProperty(listKey), term, local);
        }

        if (setKey is not null)
        {
            // Only a set inside a list comes here (a property's sets are opened by Values): a list holds no sets.
            throw new FormatException("JSON-LD: a list may not hold a @set.");
        }

        return ReadNode(item, context);
    }

    private RdfTerm? ValueObject(JsonElement item, JsonElement value, JsonLdContext context)
    {
        string? type = null;
        string? language = null;
        foreach (var property in item.EnumerateObject())
        {
            switch (context.ExpandIri(property.Name, vocab: true, documentRelative: false))
            {
                case "@type" when property.Value.ValueKind == JsonValueKind.String:
                    type = property.Value.GetString() == "@json" ? "@json" : context.ExpandIri(property.Value.GetString()!, vocab: true, documentRelative: true)
                        ?? throw new FormatException($"JSON-LD: the @type '{property.Value.GetString()}' of a value is not an IRI.");
                    break;
                case "@language" when property.Value.ValueKind == JsonValueKind.String:
                    language = LanguageTags.IsValid(property.Value.GetString()!) ? LanguageTags.Normalise(property.Value.GetString()!)
                        : throw new FormatException($"JSON-LD: '{property.Value.GetString()}' is not a language tag.");
                    break;
            }
        }

        if (type == "@json")
        {
            return RdfTerm.Typed(CanonicalJsonLiteral.Of(value), Rdf + "JSON");
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String when language is not null && type is null => RdfTerm.Text(value.GetString()!, language),
            JsonValueKind.String => type is null ? RdfTerm.Text(value.GetString()!) : Literal(value.GetString()!, type),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Native(value, type),
            _ => throw new FormatException("JSON-LD: @value must be a string, a number, a boolean or null."),
        };
    }

    // The conversion of native values of JSON-LD to RDF: booleans, integers (no fraction, below 10^21) and doubles in
    // their canonical forms; a coerced datatype keeps that lexical form under its own name.
    private static RdfLiteral Native(JsonElement value, string? datatype)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return RdfTerm.Typed(value.ValueKind == JsonValueKind.True ? "true" : "false", datatype ?? Xsd + "boolean");
        }

        var number = value.GetDouble();
        var isInteger = Math.Abs(number % 1) == 0 && Math.Abs(number) < 1e21 && datatype != Xsd + "double";
        return isInteger
            ? RdfTerm.Typed(number.ToString("0", CultureInfo.InvariantCulture), datatype ?? Xsd + "integer")
            : RdfTerm.Typed(number.ToString("0.0##############E0", CultureInfo.InvariantCulture), datatype ?? Xsd + "double");
    }

    private static RdfLiteral Literal(string text, string datatype) => datatype == Xsd + "string" ? RdfTerm.Text(text) : RdfTerm.Typed(text, datatype);

    private RdfTerm List(JsonElement items, JsonLdTerm? term, JsonLdContext context)
    {
        Nest();
        try
        {
            var members = new List<RdfTerm>();
            foreach (var item in Items(items))
            {
                var member = item.ValueKind == JsonValueKind.Array ? List(item, term, context) : One(item, term is null ? null : term with { Container = null }, context);
                if (member is not null)
                {
                    members.Add(member);
                }
            }

            RdfTerm list = new RdfIri(Rdf + "nil");
            for (var i = members.Count - 1; i >= 0; i--)
            {
                var cell = NewBlank();
                Add(cell, Rdf + "first", members[i]);
                Add(cell, Rdf + "rest", list);
                list = cell;
            }

            return list;
        }
        finally
        {
            builder.Leave();
        }
    }

    private RdfTerm? NodeReference(string value, JsonLdContext context, bool vocab)
    {
        var iri = context.ExpandIri(value, vocab, documentRelative: true);
        if (iri is null || iri.StartsWith('@'))
        {
            return null;
        }

        if (iri.StartsWith("_:", StringComparison.Ordinal))
        {
            return builder.Labelled(iri);
        }

        return IriText.HasScheme(iri) ? new RdfIri(iri) : null;
    }

    private static RdfIri? Reference(string iri) => iri.StartsWith("_:", StringComparison.Ordinal) || !IriText.HasScheme(iri) ? null : new RdfIri(iri);

    private static bool IsValueOrListObject(JsonElement value, JsonLdContext context) =>
        value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any(p => context.ExpandIri(p.Name, vocab: true, documentRelative: false) is "@value" or "@list" or "@set");

    private static IEnumerable<JsonElement> Items(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];

    private void Add(RdfTerm? subject, string predicate, RdfTerm? value)
    {
        if (!builder.Add(subject, predicate, value))
        {
            throw new FormatException($"JSON-LD: more than {builder.MaxTriples} triples.");
        }
    }

    private void Nest()
    {
        if (!builder.Enter())
        {
            throw new FormatException($"JSON-LD: nodes and lists may nest at most {RdfLimits.MaxNesting} deep.");
        }
    }

    private RdfBlank NewBlank() => builder.NewBlank();
}
