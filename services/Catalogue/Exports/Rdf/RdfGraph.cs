namespace Federation.Catalogue.Exports.Rdf;

/// <summary>A small in-memory RDF graph that the export mappers fill and the Turtle and JSON-LD writers print.</summary>
public sealed class RdfGraph
{
    private readonly List<RdfTriple> triples = [];
    private readonly HashSet<RdfTriple> seen = [];
    private int blanks;

    public IReadOnlyList<RdfTriple> Triples => triples;

    public RdfBlank NewBlank() => new($"b{++blanks}");

    public RdfGraph Add(RdfTerm subject, string predicate, RdfTerm? value)
    {
        if (value is not null && (value is not RdfLiteral { Value.Length: 0 }))
        {
            var triple = new RdfTriple(subject, new RdfIri(predicate), value);
            if (seen.Add(triple))
            {
                triples.Add(triple);
            }
        }

        return this;
    }

    public RdfGraph Type(RdfTerm subject, string type) => Add(subject, Vocab.Rdf + "type", new RdfIri(type));
}
