using System.Text;

namespace Federation.Rdf;

/// <summary>
/// Writes a graph as N-Triples, one triple a line with nothing abbreviated: the simplest form another RDF tool can
/// read, and the one graphs are compared in.
/// </summary>
public static class NTriplesWriter
{
    public static string Write(RdfGraph graph)
    {
        var text = new StringBuilder();
        var blanks = new BlankLabels();
        foreach (var triple in graph.Triples)
        {
            text.Append(Term(triple.Subject, blanks)).Append(' ').Append(Term(triple.Predicate, blanks)).Append(' ')
                .Append(Term(triple.Object, blanks)).Append(" .\n");
        }

        return text.ToString();
    }

    private static string Term(RdfTerm term, BlankLabels blanks) => term switch
    {
        RdfIri iri => "<" + IriText.Escape(iri.Value) + ">",
        RdfBlank blank => blanks.Of(blank),
        RdfLiteral { Language: { } language } literal when LanguageTags.IsValid(language) => QuotedString.Quote(literal.Value) + "@" + language,
        RdfLiteral { Datatype: { } datatype } literal when datatype != Vocab.Xsd + "string" => QuotedString.Quote(literal.Value) + "^^<" + IriText.Escape(datatype) + ">",
        RdfLiteral literal => QuotedString.Quote(literal.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };
}
