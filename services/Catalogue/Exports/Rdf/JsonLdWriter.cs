using System.Text.Json.Nodes;

namespace Federation.Catalogue.Exports.Rdf;

/// <summary>
/// Writes a graph as JSON-LD: a context of the prefixes, and one node object per subject in a <c>@graph</c>.
/// Property names are prefixed IRIs (dcat:title), which any JSON-LD processor expands with the context.
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

        var nodes = new JsonArray();
        foreach (var subject in graph.Triples.GroupBy(t => t.Subject))
        {
            var node = new JsonObject { ["@id"] = Id(subject.Key) };
            foreach (var predicate in subject.GroupBy(t => t.Predicate))
            {
                if (predicate.Key.Value == Vocab.Rdf + "type")
                {
                    node["@type"] = new JsonArray([.. predicate.Select(t => (JsonNode?)JsonValue.Create(Compact(((RdfIri)t.Object).Value)))]);
                    continue;
                }

                node[Compact(predicate.Key.Value)] = new JsonArray([.. predicate.Select(t => Value(t.Object))]);
            }

            nodes.Add(node);
        }

        return new JsonObject { ["@context"] = context, ["@graph"] = nodes };
    }

    private static JsonNode Value(RdfTerm term) => term switch
    {
        RdfIri or RdfBlank => new JsonObject { ["@id"] = Id(term) },
        RdfLiteral { Language: { } language } literal => new JsonObject { ["@value"] = literal.Value, ["@language"] = language },
        RdfLiteral { Datatype: { } datatype } literal => new JsonObject { ["@value"] = literal.Value, ["@type"] = Compact(datatype) },
        RdfLiteral literal => new JsonObject { ["@value"] = literal.Value },
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static string Id(RdfTerm term) => term switch
    {
        RdfIri iri => iri.Value,
        RdfBlank blank => "_:" + blank.Label,
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static string Compact(string iri)
    {
        foreach (var (prefix, ns) in Vocab.Prefixes)
        {
            if (iri.StartsWith(ns, StringComparison.Ordinal) && iri.Length > ns.Length)
            {
                return $"{prefix}:{iri[ns.Length..]}";
            }
        }

        return iri;
    }
}
