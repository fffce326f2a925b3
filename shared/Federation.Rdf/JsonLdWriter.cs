using System.Text.Json.Nodes;

namespace Federation.Rdf;

/// <summary>
/// Writes a graph as JSON-LD: a context of the prefixes, and one node object per subject in a <c>@graph</c>.
/// Property names are compact IRIs (dct:title) where the local part is a plain name, full IRIs otherwise; IRIs are
/// written as <see cref="TurtleWriter"/> writes them, so both syntaxes give one graph.
/// </summary>
public static class JsonLdWriter
{
    public static JsonObject Write(RdfGraph graph)
    {
        var context = new JsonObject();
        foreach (var (prefix, ns) in Vocab.Prefixes)
        {
            context[prefix] = ns;
        }

        var blanks = new BlankLabels();
        var nodes = new JsonArray();
        foreach (var subject in graph.Triples.GroupBy(t => t.Subject))
        {
            var node = new JsonObject { ["@id"] = Id(subject.Key, blanks) };
            foreach (var predicate in subject.GroupBy(t => t.Predicate))
            {
                if (predicate.Key.Value == Vocab.Rdf + "type" && predicate.All(t => t.Object is RdfIri))
                {
                    node["@type"] = new JsonArray([.. predicate.Select(t => (JsonNode?)JsonValue.Create(Compact(((RdfIri)t.Object).Value)))]);
                    continue;
                }

                node[Compact(predicate.Key.Value)] = new JsonArray([.. predicate.Select(t => Value(t.Object, blanks))]);
            }

            nodes.Add(node);
        }

        return new JsonObject { ["@context"] = context, ["@graph"] = nodes };
    }

    private static JsonNode Value(RdfTerm term, BlankLabels blanks) => term switch
    {
        RdfIri or RdfBlank => new JsonObject { ["@id"] = Id(term, blanks) },
        RdfLiteral { Language: { } language } literal when LanguageTags.IsValid(language) => new JsonObject { ["@value"] = literal.Value, ["@language"] = language },
        RdfLiteral { Datatype: { } datatype } literal when datatype != Vocab.Xsd + "string" => new JsonObject { ["@value"] = literal.Value, ["@type"] = Compact(datatype) },
        RdfLiteral literal => new JsonObject { ["@value"] = literal.Value },
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static string Id(RdfTerm term, BlankLabels blanks) => term switch
    {
        RdfIri iri => IriText.Escape(iri.Value),
        RdfBlank blank => blanks.Of(blank),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static string Compact(string iri)
    {
        foreach (var (prefix, ns) in Vocab.Prefixes)
        {
            var local = iri.Length > ns.Length && iri.StartsWith(ns, StringComparison.Ordinal) ? iri[ns.Length..] : null;
            if (local is not null && !local.StartsWith("//", StringComparison.Ordinal) && local.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return $"{prefix}:{local}";
            }
        }

        return IriText.Escape(iri);
    }
}
