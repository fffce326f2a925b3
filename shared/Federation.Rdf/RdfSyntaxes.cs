using System.Text.Json;

namespace Federation.Rdf;

/// <summary>The syntaxes by their media types and first characters, and one door to the three readers.</summary>
public static partial class RdfSyntaxes
{
    /// <summary>The media type a syntax is served and sent as.</summary>
    public static string MediaType(this RdfSyntax syntax) => syntax switch
    {
        RdfSyntax.Turtle => "text/turtle",
        RdfSyntax.JsonLd => "application/ld+json",
        RdfSyntax.RdfXml => "application/rdf+xml",
        _ => throw new ArgumentOutOfRangeException(nameof(syntax)),
    };

    /// <summary>The syntax of a Content-Type (its parameters ignored); null for one that is no RDF syntax read here.</summary>
    public static RdfSyntax? FromMediaType(string? contentType)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "text/turtle" or "application/x-turtle" or "application/turtle" or "text/n3" or "application/n-triples" => RdfSyntax.Turtle,
            "application/ld+json" or "application/json" => RdfSyntax.JsonLd,
            "application/rdf+xml" or "application/xml" or "text/xml" => RdfSyntax.RdfXml,
            _ => null,
        };
    }

    /// <summary>
    /// The syntax a document's first characters show (for a server that names none, or names text/plain): '{' or '['
    /// JSON-LD; an XML declaration, comment, DOCTYPE or element name ('&lt;rdf:RDF ', unlike Turtle's '&lt;http://…&gt;')
    /// RDF/XML; anything else Turtle.
    /// </summary>
    public static RdfSyntax Sniff(string text)
    {
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        return start.Length == 0 ? RdfSyntax.Turtle
            : start[0] is '{' or '[' ? RdfSyntax.JsonLd
            : start.StartsWith("<?") || start.StartsWith("<!") || XmlStart().IsMatch(start) ? RdfSyntax.RdfXml
            : RdfSyntax.Turtle;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^<[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?[\s/>]")]
    private static partial System.Text.RegularExpressions.Regex XmlStart();

    /// <summary>Reads a document in the syntax; a document that is not what it claims throws <see cref="FormatException"/>.</summary>
    public static RdfGraph Read(this RdfSyntax syntax, string text, string? baseIri = null, int maxTriples = RdfLimits.MaxTriples)
    {
        switch (syntax)
        {
            case RdfSyntax.Turtle:
                return TurtleReader.Read(text, baseIri, maxTriples);
            case RdfSyntax.RdfXml:
                return RdfXmlReader.Read(text, baseIri, maxTriples);
            case RdfSyntax.JsonLd:
                try
                {
                    using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 128 });
                    return JsonLdReader.Read(document.RootElement, baseIri, maxTriples);
                }
                catch (JsonException exception)
                {
                    throw new FormatException($"JSON-LD: the document is not JSON ({exception.Message})");
                }
                catch (InvalidOperationException exception)
                {
                    // A value of a kind the reader did not expect where it looked (an array for an object): the
                    // document is not JSON-LD as read here, said as such rather than as a failure of the reader.
                    throw new FormatException($"JSON-LD: a value has a shape the reader does not take ({exception.Message})");
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(syntax));
        }
    }
}
