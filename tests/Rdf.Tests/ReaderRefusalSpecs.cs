namespace Federation.Rdf.Tests;

/// <summary>What no reader takes: each document is refused with a <see cref="FormatException"/> that says why.</summary>
public sealed class ReaderRefusalSpecs
{
    public static TheoryData<RdfSyntax, string, string> Refused => new()
    {
        { RdfSyntax.Turtle, "<x> <http://p> \"o\" .", "relative and the document has no base" },
        { RdfSyntax.Turtle, "<http://x/a b> <http://p> \"o\" .", "may not hold a space" },
        { RdfSyntax.Turtle, "<http://x/a\\u0020b> <http://p> \"o\" .", "escaped or not" },
        { RdfSyntax.Turtle, "<http://x/{a}> <http://p> \"o\" .", "may not hold '{'" },
        { RdfSyntax.Turtle, "<http://x/> <http://p> \"o\"@-nl .", "not a language tag" },
        { RdfSyntax.Turtle, "<http://x/> <http://p> 1e .", "not a number" },
        { RdfSyntax.Turtle, "<http://x/> <http://p> " + new string('(', 100) + new string(')', 100) + " .", "nest at most" },
        { RdfSyntax.JsonLd, "{\"@context\": \"https://schema.org/\", \"@id\": \"http://x/\"}", "remote context" },
        { RdfSyntax.JsonLd, "{\"@context\": {\"@import\": \"https://example.org/c\"}, \"@id\": \"http://x/\"}", "remote context" },
        { RdfSyntax.JsonLd, "{\"@context\": {\"a\": {\"@id\": \"b:x\"}, \"b\": {\"@id\": \"a:y\"}}, \"@id\": \"http://x/\"}", "by way of itself" },
        { RdfSyntax.JsonLd, "{\"@id\": \"http://x/\", \"http://p\": {\"@value\": \"v\", \"@language\": \"not a tag\"}}", "not a language tag" },
        { RdfSyntax.JsonLd, "{\"@context\": {\"t\": {\"@id\": \"http://p\", \"@container\": \"@language\"}}, \"@id\": \"http://x/\", \"t\": {\"nl\": {\"a\": 1}}}", "language map holds strings" },
        { RdfSyntax.JsonLd, "not json", "not JSON" },
        { RdfSyntax.JsonLd, "{\"@context\": {" + string.Join(",", Enumerable.Range(0, 5_000).Select(i => $"\"t{i}\": \"t{i + 1}:x\"")) + "}, \"@id\": \"http://x/\"}", "at most 64 deep" },
        { RdfSyntax.JsonLd, "{\"@context\": {" + string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"\"t{i}\": \"http://x/{i}\"")) + "}, \"@id\": \"http://x/\"}", "at most 10000 terms" },
        { RdfSyntax.JsonLd, "{\"@context\": {\"t\": {\"@id\": \"http://p\", \"@container\": 5}}, \"@id\": \"http://x/\"}", "must be a string" },
        { RdfSyntax.JsonLd, "{\"@context\": {\"t\": {\"@id\": 5}}, \"@id\": \"http://x/\"}", "must be a string" },
        { RdfSyntax.JsonLd, "5", "object or an array" },
        { RdfSyntax.RdfXml, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"x\"/></rdf:RDF>", "no base" },
        { RdfSyntax.RdfXml, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><Dataset/></rdf:RDF>", "has no namespace" },
        { RdfSyntax.RdfXml, "<rdf:RDF", "RDF/XML, line" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_document_that_breaks_the_rules_is_refused_in_words(RdfSyntax syntax, string document, string reason)
    {
        var refusal = Assert.Throws<FormatException>(() => syntax.Read(document));

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_entity_is_never_fetched()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "secret-of-the-host");
        try
        {
            var document = $"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://{secret}\">]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:d=\"http://purl.org/dc/terms/\"><rdf:Description rdf:about=\"http://x/\"><d:t>&x;</d:t></rdf:Description></rdf:RDF>";

            var graph = RdfSyntax.RdfXml.Read(document);

            Assert.DoesNotContain(graph.Triples, t => t.Object is RdfLiteral { Value: var value } && value.Contains("secret", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void An_entity_that_swells_past_the_bound_is_refused_before_it_is_read()
    {
        var entities = string.Concat(Enumerable.Range(1, 8).Select(i => $"<!ENTITY e{i} \"{string.Concat(Enumerable.Repeat($"&e{i - 1};", 10))}\">"));
        var bomb = $"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e0 \"aaaaaaaaaa\">{entities}]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:d=\"http://purl.org/dc/terms/\"><rdf:Description rdf:about=\"http://x/\"><d:t>&e8;</d:t></rdf:Description></rdf:RDF>";

        Assert.Throws<FormatException>(() => RdfSyntax.RdfXml.Read(bomb));
    }

    [Fact]
    public void A_document_over_the_triple_bound_is_refused()
    {
        var many = string.Concat(Enumerable.Range(0, 101).Select(i => $"<http://x/{i}> <http://p> {i} .\n"));

        var refusal = Assert.Throws<FormatException>(() => RdfSyntax.Turtle.Read(many, maxTriples: 100));

        Assert.Contains("more than 100 triples", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_syntax_is_known_by_its_media_type_or_else_by_its_first_characters()
    {
        Assert.Equal(RdfSyntax.RdfXml, RdfSyntaxes.FromMediaType("application/rdf+xml; charset=utf-8"));
        Assert.Equal(RdfSyntax.JsonLd, RdfSyntaxes.FromMediaType("application/ld+json"));
        Assert.Equal(RdfSyntax.Turtle, RdfSyntaxes.FromMediaType("Text/Turtle"));
        Assert.Null(RdfSyntaxes.FromMediaType("text/html"));
        Assert.Equal(RdfSyntax.RdfXml, RdfSyntaxes.Sniff("\uFEFF  <?xml version=\"1.0\"?><rdf:RDF/>"));
        Assert.Equal(RdfSyntax.JsonLd, RdfSyntaxes.Sniff("\n[{\"@id\": \"x\"}]"));
        Assert.Equal(RdfSyntax.Turtle, RdfSyntaxes.Sniff("<http://x/> <http://p> \"o\" ."));
        Assert.Equal(RdfSyntax.Turtle, RdfSyntaxes.Sniff("@prefix d: <http://purl.org/dc/terms/> ."));
    }

    [Theory]
    [InlineData("../x", "http://a/b/c/d;p?q", "http://a/b/x")]
    [InlineData("g?y#s", "http://a/b/c/d;p?q", "http://a/b/c/g?y#s")]
    [InlineData("", "http://a/b/c/d;p?q#f", "http://a/b/c/d;p?q")]
    [InlineData("#s", "http://a/b/c/d;p?q", "http://a/b/c/d;p?q#s")]
    [InlineData("//g", "http://a/b/c/d;p?q", "http://g")]
    [InlineData("../../../g", "http://a/b/c/d;p?q", "http://a/g")]
    [InlineData("bomenëkaart", "https://d.example/dataset/", "https://d.example/dataset/bomenëkaart")]
    [InlineData("x", null, null)]
    public void Relative_references_resolve_as_RFC_3986_says(string reference, string? baseIri, string? expected)
    {
        Assert.Equal(expected, IriText.Resolve(reference, baseIri));
    }
}
