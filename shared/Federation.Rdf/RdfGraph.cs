namespace Federation.Rdf;

/// <summary>
/// An RDF graph in memory: a set of triples in the order they were added, with lookups by subject for the readers of
/// DCAT-AP. Export mappers fill it and the writers print it; the readers of Turtle, JSON-LD and RDF/XML give one.
/// </summary>
public sealed class RdfGraph
{
    private readonly List<RdfTriple> triples = [];
    private readonly HashSet<RdfTriple> seen = [];
    private readonly Dictionary<RdfTerm, List<RdfTriple>> bySubject = [];
    private int blanks;

    public IReadOnlyList<RdfTriple> Triples => triples;

    public int Count => triples.Count;

    /// <summary>A blank node no other in this graph has (labels the readers give start with a letter other than b).</summary>
    public RdfBlank NewBlank() => new($"b{++blanks}");

    /// <summary>Adds the triple unless the value is missing or an empty literal; a triple already held is not added twice.</summary>
    public RdfGraph Add(RdfTerm subject, string predicate, RdfTerm? value)
    {
        if (value is not null && value is not RdfLiteral { Value.Length: 0 })
        {
            Add(new RdfTriple(subject, new RdfIri(predicate), value));
        }

        return this;
    }

    /// <summary>Adds the triple as it is (an empty literal too: a reader keeps what the document says).</summary>
    public bool Add(RdfTriple triple)
    {
        if (!seen.Add(triple))
        {
            return false;
        }

        triples.Add(triple);
        if (!bySubject.TryGetValue(triple.Subject, out var list))
        {
            bySubject[triple.Subject] = list = [];
        }

        list.Add(triple);
        return true;
    }

    public RdfGraph Type(RdfTerm subject, string type) => Add(subject, Vocab.Rdf + "type", new RdfIri(type));

    public bool Contains(RdfTriple triple) => seen.Contains(triple);

    /// <summary>The values of a property of a node, in document order.</summary>
    public IEnumerable<RdfTerm> Objects(RdfTerm subject, string predicate) =>
        bySubject.TryGetValue(subject, out var list) ? list.Where(t => t.Predicate.Value == predicate).Select(t => t.Object) : [];

    /// <summary>The first literal or IRI text of a property, or null.</summary>
    public string? First(RdfTerm subject, string predicate) => Objects(subject, predicate).Select(Text).FirstOrDefault(text => text is not null);

    public IEnumerable<RdfTriple> About(RdfTerm subject) => bySubject.TryGetValue(subject, out var list) ? list : [];

    /// <summary>The nodes typed with the class, in document order.</summary>
    public IEnumerable<RdfTerm> OfType(string type) =>
        triples.Where(t => t.Predicate.Value == Vocab.Rdf + "type" && t.Object is RdfIri iri && iri.Value == type).Select(t => t.Subject).Distinct();

    /// <summary>The text of a literal or the IRI of a named node; null for a blank node.</summary>
    public static string? Text(RdfTerm term) => term switch
    {
        RdfLiteral literal => literal.Value,
        RdfIri iri => iri.Value,
        _ => null,
    };
}
