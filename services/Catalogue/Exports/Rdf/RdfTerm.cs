namespace Federation.Catalogue.Exports.Rdf;

/// <summary>A node or value of an RDF graph: an IRI, a blank node, or a literal with a datatype or a language.</summary>
public abstract record RdfTerm
{
    public static RdfIri Iri(string value) => new(value);

    public static RdfLiteral Text(string value, string? language = null) => new(value, null, language);

    public static RdfLiteral Typed(string value, string datatype) => new(value, datatype, null);
}

public sealed record RdfIri(string Value) : RdfTerm;

public sealed record RdfBlank(string Label) : RdfTerm;

public sealed record RdfLiteral(string Value, string? Datatype, string? Language) : RdfTerm;

public sealed record RdfTriple(RdfTerm Subject, RdfIri Predicate, RdfTerm Object);
