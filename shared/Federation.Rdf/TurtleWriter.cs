using System.Text;

namespace Federation.Rdf;

/// <summary>
/// Writes a graph as Turtle: prefixes first, then the triples grouped by subject. Only what the grammar allows is
/// printed: IRIs with their forbidden characters percent-encoded (<see cref="IriText"/>), prefixed names only where the
/// local part is a plain name, blank nodes under labels of its own, language tags only when they are tags.
/// </summary>
public static class TurtleWriter
{
    public static string Write(RdfGraph graph)
    {
        var turtle = new StringBuilder();
        foreach (var (prefix, ns) in Vocab.Prefixes)
        {
            turtle.Append("@prefix ").Append(prefix).Append(": <").Append(ns).AppendLine("> .");
        }

        var blanks = new BlankLabels();
        foreach (var subject in graph.Triples.GroupBy(t => t.Subject))
        {
            turtle.AppendLine().Append(Term(subject.Key, blanks));
            var byPredicate = subject.GroupBy(t => t.Predicate).ToList();
            for (var p = 0; p < byPredicate.Count; p++)
            {
                var predicate = byPredicate[p].Key.Value == Vocab.Rdf + "type" ? "a" : Term(byPredicate[p].Key, blanks);
                turtle.Append(p == 0 ? " " : " ;\n    ").Append(predicate).Append(' ')
                    .Append(string.Join(", ", byPredicate[p].Select(t => Term(t.Object, blanks))));
            }

            turtle.AppendLine(" .");
        }

        return turtle.ToString();
    }

    private static string Term(RdfTerm term, BlankLabels blanks) => term switch
    {
        RdfIri iri => Compact(iri.Value),
        RdfBlank blank => blanks.Of(blank),
        RdfLiteral { Language: { } language } literal when LanguageTags.IsValid(language) => QuotedString.Quote(literal.Value) + "@" + language,
        RdfLiteral { Datatype: { } datatype } literal when datatype != Vocab.Xsd + "string" => QuotedString.Quote(literal.Value) + "^^" + Compact(datatype),
        RdfLiteral literal => QuotedString.Quote(literal.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    /// <summary>A prefixed name where the local part is letters, digits, '_' and inner '-' (always valid PN_LOCAL), else an IRI.</summary>
    private static string Compact(string iri)
    {
        foreach (var (prefix, ns) in Vocab.Prefixes)
        {
            var local = iri.Length > ns.Length && iri.StartsWith(ns, StringComparison.Ordinal) ? iri[ns.Length..] : null;
            if (local is not null && local[0] != '-' && local.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return $"{prefix}:{local}";
            }
        }

        return "<" + IriText.Escape(iri) + ">";
    }
}
