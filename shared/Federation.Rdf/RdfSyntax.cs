namespace Federation.Rdf;

/// <summary>The RDF syntaxes the federation reads (<see cref="RdfSyntaxes"/> knows them by media type and reads them).</summary>
public enum RdfSyntax
{
    Turtle,
    JsonLd,
    RdfXml,
}
