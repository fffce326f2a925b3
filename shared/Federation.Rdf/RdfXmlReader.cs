using System.Xml;
using System.Xml.Linq;

namespace Federation.Rdf;

/// <summary>
/// Reads RDF/XML (the default of CKAN's DCAT endpoints) into an <see cref="RdfGraph"/>: node elements typed or
/// <c>rdf:Description</c>, named by <c>rdf:about</c>, <c>rdf:ID</c> or <c>rdf:nodeID</c>; property elements with
/// <c>rdf:resource</c>, nested nodes, text with <c>xml:lang</c> or <c>rdf:datatype</c>, property attributes, and
/// <c>rdf:parseType</c> Resource, Literal and Collection; <c>rdf:li</c>; <c>xml:base</c>. The XML is read with no
/// external entity or DTD fetched and entity expansion bounded, so a document cannot make the reader call out or
/// swell. A document that is not RDF/XML throws <see cref="FormatException"/> naming the line.
/// </summary>
public sealed class RdfXmlReader
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    private static readonly XNamespace RdfNs = Rdf;
    private static readonly XName About = RdfNs + "about", Id = RdfNs + "ID", NodeId = RdfNs + "nodeID", Resource = RdfNs + "resource",
        Datatype = RdfNs + "datatype", ParseType = RdfNs + "parseType", Description = RdfNs + "Description", Li = RdfNs + "li";

    private readonly GraphBuilder builder;

    private RdfXmlReader(int maxTriples) => builder = new GraphBuilder('x', maxTriples);

    public static RdfGraph Read(string text, string? baseIri = null, int maxTriples = RdfLimits.MaxTriples)
    {
        XDocument document;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse, // the entity declarations some RDF/XML writers put in a DOCTYPE
            XmlResolver = null,                  // but nothing outside the document is ever fetched
            MaxCharactersFromEntities = 1_000_000,
            MaxCharactersInDocument = 64L * 1024 * 1024,
        };
        try
        {
            using var xml = XmlReader.Create(new StringReader(text), settings);
            document = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            throw new FormatException($"RDF/XML, line {exception.LineNumber}: {exception.Message}");
        }

        var reader = new RdfXmlReader(maxTriples);
        var root = document.Root ?? throw new FormatException("RDF/XML: the document is empty.");
        var rootBase = Base(root, baseIri);
        if (root.Name == RdfNs + "RDF")
        {
            foreach (var node in root.Elements())
            {
                reader.ReadNode(node, rootBase, Lang(root, null));
            }
        }
        else
        {
            reader.ReadNode(root, baseIri, null);
        }

        return reader.builder.Graph;
    }

    /// <summary>Reads a node element and its properties; returns the node it names.</summary>
    private RdfTerm ReadNode(XElement element, string? baseIri, string? language)
    {
        Nest(element);
        try
        {
            baseIri = Base(element, baseIri);
            language = Lang(element, language);
            var subject = Subject(element, baseIri);
            if (element.Name != Description)
            {
                Add(subject, Rdf + "type", new RdfIri(Iri(element.Name, element)));
            }

            ReadPropertyAttributes(element, subject, language, baseIri);
            var member = 0;
            foreach (var property in element.Elements())
            {
                ReadProperty(property, subject, baseIri, language, ref member);
            }

            return subject;
        }
        finally
        {
            builder.Leave();
        }
    }

    private void ReadProperty(XElement element, RdfTerm subject, string? baseIri, string? language, ref int member)
    {
        baseIri = Base(element, baseIri);
        language = Lang(element, language);
        var predicate = element.Name == Li ? $"{Rdf}_{++member}" : Iri(element.Name, element);
        var parseType = (string?)element.Attribute(ParseType);
        switch (parseType)
        {
            case "Resource":
            {
                var node = NewBlank();
                Add(subject, predicate, node);
                Nest(element);
                var inner = 0;
                foreach (var property in element.Elements())
                {
                    ReadProperty(property, node, baseIri, language, ref inner);
                }

                builder.Leave();
                return;
            }

            case "Collection":
            {
                var members = element.Elements().Select(e => ReadNode(e, baseIri, language)).ToList();
                RdfTerm list = new RdfIri(Rdf + "nil");
                for (var i = members.Count - 1; i >= 0; i--)
                {
                    var cell = NewBlank();
                    Add(cell, Rdf + "first", members[i]);
                    Add(cell, Rdf + "rest", list);
                    list = cell;
                }

                Add(subject, predicate, list);
                return;
            }

            case not null:
                // "Literal" and any other parse type: the content as XML, unparsed.
                var xml = string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
                Add(subject, predicate, RdfTerm.Typed(xml, Rdf + "XMLLiteral"));
                return;
        }

        var children = element.Elements().ToList();
        if (children.Count > 0)
        {
            if (children.Count > 1)
            {
                throw Error(element, $"the property {element.Name.LocalName} holds {children.Count} nodes; a property element holds one");
            }

            Add(subject, predicate, ReadNode(children[0], baseIri, language));
            return;
        }

        var resource = (string?)element.Attribute(Resource);
        var nodeId = (string?)element.Attribute(NodeId);
        var datatype = (string?)element.Attribute(Datatype);
        var hasPropertyAttributes = PropertyAttributes(element).Any();
        if (resource is not null || nodeId is not null || hasPropertyAttributes)
        {
            RdfTerm node = resource is not null ? new RdfIri(Resolve(resource, baseIri, element))
                : nodeId is not null ? Labelled(nodeId)
                : NewBlank();
            Add(subject, predicate, node);
            ReadPropertyAttributes(element, node, language, baseIri);
            return;
        }

        var text = element.Value;
        Add(subject, predicate, datatype is not null
            ? Resolve(datatype, baseIri, element) is var type && type == Xsd + "string" ? RdfTerm.Text(text) : RdfTerm.Typed(text, type)
            : language is not null ? RdfTerm.Text(text, language)
            : RdfTerm.Text(text));
    }

    // Attributes other than RDF's syntax and XML's own are properties of the node with literal values (rdf:type an IRI).
    private void ReadPropertyAttributes(XElement element, RdfTerm subject, string? language, string? baseIri)
    {
        foreach (var attribute in PropertyAttributes(element))
        {
            if (attribute.Name == RdfNs + "type")
            {
                Add(subject, Rdf + "type", new RdfIri(Resolve(attribute.Value, baseIri, element)));
            }
            else
            {
                Add(subject, Iri(attribute.Name, element), language is null ? RdfTerm.Text(attribute.Value) : RdfTerm.Text(attribute.Value, language));
            }
        }
    }

    private static IEnumerable<XAttribute> PropertyAttributes(XElement element) => element.Attributes().Where(a =>
        !a.IsNamespaceDeclaration && a.Name.Namespace != XNamespace.None && a.Name.Namespace != XNamespace.Xml
        && a.Name != About && a.Name != Id && a.Name != NodeId && a.Name != Resource && a.Name != Datatype && a.Name != ParseType
        && a.Name != RdfNs + "bagID" && a.Name != RdfNs + "aboutEach" && a.Name != RdfNs + "aboutEachPrefix");

    private RdfTerm Subject(XElement element, string? baseIri)
    {
        if ((string?)element.Attribute(About) is { } about)
        {
            return new RdfIri(Resolve(about, baseIri, element));
        }

        if ((string?)element.Attribute(Id) is { } id)
        {
            return new RdfIri(Resolve("#" + id, baseIri, element));
        }

        return (string?)element.Attribute(NodeId) is { } nodeId ? Labelled(nodeId) : NewBlank();
    }

    private static string Iri(XName name, XElement where) =>
        name.Namespace == XNamespace.None ? throw Error(where, $"'{name.LocalName}' has no namespace, so it names no IRI") : name.NamespaceName + name.LocalName;

    private static string Resolve(string reference, string? baseIri, XElement where) =>
        IriText.Resolve(reference, baseIri) ?? throw Error(where, $"'{reference}' is relative and the document has no base");

    private static string? Base(XElement element, string? inherited) =>
        (string?)element.Attribute(XNamespace.Xml + "base") is { } own ? IriText.Resolve(own, inherited) ?? own : inherited;

    private static string? Lang(XElement element, string? inherited) =>
        (string?)element.Attribute(XNamespace.Xml + "lang") is { } own
            ? own.Length == 0 ? null : LanguageTags.IsValid(own) ? LanguageTags.Normalise(own) : throw Error(element, $"xml:lang '{own}' is not a language tag")
            : inherited;

    private RdfBlank Labelled(string label) => builder.Labelled(label);

    private void Add(RdfTerm subject, string predicate, RdfTerm value)
    {
        if (!builder.Add(subject, predicate, value))
        {
            throw new FormatException($"RDF/XML: more than {builder.MaxTriples} triples.");
        }
    }

    private void Nest(XElement element)
    {
        if (!builder.Enter())
        {
            throw Error(element, $"nodes may nest at most {RdfLimits.MaxNesting} deep");
        }
    }

    private RdfBlank NewBlank() => builder.NewBlank();

    private static FormatException Error(XElement element, string problem) =>
        new($"RDF/XML, line {((IXmlLineInfo)element).LineNumber}: {problem}.");
}
