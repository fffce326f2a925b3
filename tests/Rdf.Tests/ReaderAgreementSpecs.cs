using Federation.Testing;

namespace Federation.Rdf.Tests;

/// <summary>
/// Each reader gives, for documents in the shapes catalogues publish, exactly the graph the outside parsers give
/// (N3.js, jsonld.js, rdfxml-streaming-parser): compared as canonical N-Quads, blank nodes and order aside.
/// </summary>
public sealed class ReaderAgreementSpecs
{
    private static string Documents => Path.Combine(LocalInfrastructure.RepositoryRoot, "tests", "Rdf.Tests", "Documents");

    [Theory]
    [InlineData("portal-page.ttl", RdfSyntax.Turtle, "turtle", null)]
    [InlineData("portal-page.ttl", RdfSyntax.Turtle, "turtle", "https://elsewhere.example/")]
    [InlineData("jsonld-features.jsonld", RdfSyntax.JsonLd, "jsonld-lenient", null)]
    [InlineData("portal-page.rdf", RdfSyntax.RdfXml, "rdfxml", null)]
    [InlineData("portal-page.rdf", RdfSyntax.RdfXml, "rdfxml", "https://elsewhere.example/")]
    public async Task A_reader_gives_the_graph_the_outside_parser_gives(string file, RdfSyntax syntax, string outsideName, string? baseIri)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Documents, file));

        var ours = syntax.Read(text, baseIri);

        Assert.True(ours.Count > 20, $"{file}: only {ours.Count} triples read");
        var expected = await OutsideRdf.CanonicalAsync(text, outsideName, baseIri);
        var actual = await OutsideRdf.CanonicalAsync(NTriplesWriter.Write(ours), "ntriples");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task JSON_LD_read_here_keeps_what_the_document_says_in_its_1_1_forms()
    {
        var graph = RdfSyntax.JsonLd.Read(await File.ReadAllTextAsync(Path.Combine(Documents, "jsonld-features.jsonld")));
        var lucht = new RdfIri("https://portal.example.org/dataset/lucht");

        Assert.Contains(new RdfTriple(lucht, new RdfIri(Vocab.Dct + "title"), RdfTerm.Text("Luchtkwaliteit", "nl")), graph.Triples);
        Assert.Contains(new RdfTriple(lucht, new RdfIri(Vocab.Dct + "title"), RdfTerm.Text("Air", "en")), graph.Triples);
        Assert.Contains(new RdfTriple(lucht, new RdfIri(Vocab.Dct + "title"), RdfTerm.Text("Lucht")), graph.Triples);
        Assert.Contains(new RdfTriple(lucht, new RdfIri(Vocab.Dcat + "theme"), new RdfIri("http://publications.europa.eu/resource/authority/data-theme/ENVI")), graph.Triples);
        Assert.Contains(new RdfTriple(lucht, new RdfIri(Vocab.Dct + "publisher"), new RdfIri("https://portal.example.org/org/ggd")), graph.Triples);
        Assert.Contains(new RdfTriple(new RdfIri("https://portal.example.org/dataset/geluid"), new RdfIri(Vocab.Dct + "publisher"), new RdfIri("https://portal.example.org/org/ggd")), graph.Triples);
        Assert.DoesNotContain(graph.Triples, t => t.Object is RdfLiteral { Value: "dropped" });
    }
}
