using System.Text.Json;
using Federation.Testing;

namespace Federation.Rdf.Tests;

/// <summary>
/// The writers print only what their grammars allow, whatever the values hold, and every syntax carries one graph:
/// the outside parsers read each output, all give the same graph, and reading it back here gives that graph again.
/// </summary>
public sealed class WriterSpecs
{
    // Values as staff and harvested sources give them: addresses with spaces, braces, quotes and pipes, text with
    // every kind of quote, line break, control character and half a surrogate pair, and an unusual language tag.
    private static RdfGraph Hostile()
    {
        var graph = new RdfGraph();
        var dataset = new RdfIri("https://data.example.nl/dataset/a b{c}|d^e`f\"g<h>\\i");
        graph.Type(dataset, Vocab.Dcat + "Dataset")
            .Add(dataset, Vocab.Dct + "title", RdfTerm.Text("Titel met \"quotes\", 'apostrof', \\ en\nregels\r\tenz. \u0001\u007f 🚲 \ud800", "nl-NL"))
            .Add(dataset, Vocab.Dct + "description", RdfTerm.Text("\"\"\" drie quotes \"\"\""))
            .Add(dataset, Vocab.Dcat + "landingPage", new RdfIri("https://example.org/zoek?q=a b&x=ë#frag ment"))
            .Add(dataset, Vocab.Dcat + "keyword", RdfTerm.Text("prefix:looking"))
            .Add(dataset, Vocab.Dct + "identifier", RdfTerm.Typed("42", Vocab.Xsd + "integer"))
            .Add(dataset, Vocab.Dct + "issued", RdfTerm.Typed("2024-01-01", "http://example.org/odd datatype"))
            .Add(dataset, Vocab.Dct + "-starts-with-hyphen", RdfTerm.Text("x"))
            .Add(dataset, Vocab.Dct + "has.dot", RdfTerm.Text("y"));
        var agent = graph.NewBlank();
        graph.Type(agent, Vocab.Foaf + "Agent").Add(agent, Vocab.Foaf + "name", RdfTerm.Text("Gemeente"));
        graph.Add(dataset, Vocab.Dct + "publisher", agent);
        graph.Add(agent, Vocab.Rdfs + "seeAlso", new RdfBlank("label with spaces and.dots."));
        return graph;
    }

    [Fact]
    public async Task Turtle_JSON_LD_and_N_Triples_of_one_graph_parse_outside_as_one_graph()
    {
        var graph = Hostile();

        var turtle = await OutsideRdf.CanonicalAsync(TurtleWriter.Write(graph), "turtle");
        var jsonLd = await OutsideRdf.CanonicalAsync(JsonLdWriter.Write(graph).ToJsonString(), "jsonld");
        var nTriples = await OutsideRdf.CanonicalAsync(NTriplesWriter.Write(graph), "ntriples");

        Assert.Equal(turtle, nTriples);
        Assert.Equal(turtle, jsonLd);
        Assert.Contains("a%20b%7Bc%7D%7Cd%5Ee%60f%22g%3Ch%3E%5Ci", turtle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_is_written_reads_back_here_as_the_same_graph()
    {
        var graph = Hostile();
        var written = await OutsideRdf.CanonicalAsync(NTriplesWriter.Write(graph), "ntriples");

        var fromTurtle = RdfSyntax.Turtle.Read(TurtleWriter.Write(graph));
        var fromJsonLd = RdfSyntax.JsonLd.Read(JsonLdWriter.Write(graph).ToJsonString());

        Assert.Equal(written, await OutsideRdf.CanonicalAsync(NTriplesWriter.Write(fromTurtle), "ntriples"));
        Assert.Equal(written, await OutsideRdf.CanonicalAsync(NTriplesWriter.Write(fromJsonLd), "ntriples"));
        Assert.Equal(TurtleWriter.Write(fromTurtle), TurtleWriter.Write(RdfSyntax.Turtle.Read(TurtleWriter.Write(fromTurtle))));
    }

    [Fact]
    public void Every_IRI_written_to_Turtle_holds_only_what_the_grammar_allows()
    {
        var turtle = TurtleWriter.Write(Hostile());

        foreach (var iri in System.Text.RegularExpressions.Regex.Matches(turtle, "<([^>]*)>").Select(m => m.Groups[1].Value))
        {
            Assert.True(IriText.IsValidAbsolute(iri), $"<{iri}> is not a valid IRIREF");
        }

        using var document = JsonDocument.Parse(JsonLdWriter.Write(Hostile()).ToJsonString());
        Assert.All(document.RootElement.GetProperty("@graph").EnumerateArray(), node =>
            Assert.True(node.GetProperty("@id").GetString()!.StartsWith("_:", StringComparison.Ordinal) || IriText.IsValidAbsolute(node.GetProperty("@id").GetString()!)));
    }
}
