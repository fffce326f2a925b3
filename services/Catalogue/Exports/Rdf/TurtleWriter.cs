using System.Text;

namespace Federation.Catalogue.Exports.Rdf;

/// <summary>Writes a graph as Turtle: prefixes first, then the triples grouped by subject.</summary>
public static class TurtleWriter
{
    public static string Write(RdfGraph graph)
    {
        var turtle = new StringBuilder();
        foreach (var (prefix, ns) in Vocab.Prefixes)
        {
            turtle.Append("@prefix ").Append(prefix).Append(": <").Append(ns).AppendLine("> .");
        }

        foreach (var subject in graph.Triples.GroupBy(t => t.Subject))
        {
            turtle.AppendLine().Append(Term(subject.Key));
            var byPredicate = subject.GroupBy(t => t.Predicate).ToList();
            for (var p = 0; p < byPredicate.Count; p++)
            {
                var predicate = byPredicate[p].Key.Value == Vocab.Rdf + "type" ? "a" : Term(byPredicate[p].Key);
                turtle.Append(p == 0 ? " " : " ;\n    ").Append(predicate).Append(' ')
                    .Append(string.Join(", ", byPredicate[p].Select(t => Term(t.Object))));
            }

            turtle.AppendLine(" .");
        }

        return turtle.ToString();
    }

    private static string Term(RdfTerm term) => term switch
    {
        RdfIri iri => Compact(iri.Value),
        RdfBlank blank => "_:" + blank.Label,
        RdfLiteral { Language: { } language } literal => Quote(literal.Value) + "@" + language,
        RdfLiteral { Datatype: { } datatype } literal => Quote(literal.Value) + "^^" + Compact(datatype),
        RdfLiteral literal => Quote(literal.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static string Compact(string iri)
    {
        foreach (var (prefix, ns) in Vocab.Prefixes)
        {
            var local = iri.Length > ns.Length && iri.StartsWith(ns, StringComparison.Ordinal) ? iri[ns.Length..] : null;
            if (local is not null && local.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return $"{prefix}:{local}";
            }
        }

        return "<" + iri.Replace(">", "%3E", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal) + ">";
    }

    private static string Quote(string value) => QuotedString.Quote(value);
}
