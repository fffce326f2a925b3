namespace Federation.Rdf;

/// <summary>A node or value of an RDF graph: an IRI, a blank node, or a literal with a datatype or a language.</summary>
public abstract record RdfTerm
{
    public static RdfIri Iri(string value) => new(value);

    public static RdfLiteral Text(string value, string? language = null) => new(value, null, language);

    public static RdfLiteral Typed(string value, string datatype) => new(value, datatype, null);
}

public sealed record RdfIri(string Value) : RdfTerm;

/// <summary>A blank node; its label names it within one graph only, and writers may print it under another.</summary>
public sealed record RdfBlank(string Label) : RdfTerm;

/// <summary>
/// A literal. Without a language or a datatype it is an xsd:string; a language tag is kept lower-case (tags compare
/// without case, and the readers give them so), so two readings of one literal are equal records.
/// </summary>
public sealed record RdfLiteral(string Value, string? Datatype, string? Language) : RdfTerm;

public sealed record RdfTriple(RdfTerm Subject, RdfIri Predicate, RdfTerm Object);
