using Federation.Catalogue.Identifiers;
using Federation.Contracts;
using Federation.Contracts.Metadata;

namespace Federation.Catalogue.Tests;

/// <summary>APA 7 and BibTeX citations of one version of a resource, whatever its hub wrote into its text.</summary>
public sealed class ResourceCitationSpecs
{
    private static readonly Uri Uri = new("https://catalogus.federatie.example/id/zuid-holland/7d1c2f3a-0000-4000-8000-000000000001");

    private static ResourceSnapshot Resource(string title = "Verkeersdrukte Rotterdam", string publisher = "Gemeente Rotterdam", ResourceKind kind = ResourceKind.Dataset) =>
        Snapshots.Of(Guid.Parse("7d1c2f3a-0000-4000-8000-000000000001"), 5, title, hub: "zuid-holland", kind: kind) with
        {
            Publisher = publisher,
            ModifiedAt = new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.FromHours(-2)),
        };

    [Fact]
    public void An_APA_citation_names_creator_date_title_version_kind_publisher_and_the_persistent_uri()
    {
        var citation = ResourceCitations.Of(Resource(), "AI Hub Zuid-Holland", Uri);

        Assert.Equal(
            $"Gemeente Rotterdam. (2026). Verkeersdrukte Rotterdam (Version 5) [Data set]. AI Hub Zuid-Holland. {Uri.AbsoluteUri}",
            citation.Apa);
        Assert.Equal(new DateOnly(2026, 12, 7), citation.Date);
        Assert.Equal("5", citation.Version);
    }

    [Fact]
    public void The_publishers_own_version_label_is_cited_and_a_publisher_that_is_the_hub_is_named_once()
    {
        var resource = Resource(publisher: "AI Hub Zuid-Holland") with { Dataset = new DatasetMetadata(null, null, null, null, [], Version: "2023.2") };

        var citation = ResourceCitations.Of(resource, "AI Hub Zuid-Holland", Uri);

        Assert.Equal($"AI Hub Zuid-Holland. (2026). Verkeersdrukte Rotterdam (Version 2023.2) [Data set]. {Uri.AbsoluteUri}", citation.Apa);
        Assert.Contains("  version      = {2023.2},", citation.BibTex, StringComparison.Ordinal);
    }

    [Fact]
    public void Abbreviations_line_breaks_and_a_missing_publisher_make_no_broken_sentence()
    {
        var resource = Resource(title: "Sensoren\n\tin  de haven", publisher: "Havenbedrijf B.V.", kind: ResourceKind.Model);
        var question = Resource(title: "Wie fietst waar?", publisher: "Fietsersbond!");

        Assert.StartsWith("Fietsersbond! (2026). Wie fietst waar? (Version 5) [Data set]. AI Hub", ResourceCitations.Of(question, "AI Hub Zuid-Holland", Uri).Apa, StringComparison.Ordinal);

        Assert.StartsWith("Havenbedrijf B.V. (2026", ResourceCitations.Of(resource, "AI Hub Zuid-Holland", Uri).Apa, StringComparison.Ordinal);
        Assert.Contains("Sensoren in de haven (Version 5) [Machine learning model].", ResourceCitations.Of(resource, "AI Hub Zuid-Holland", Uri).Apa, StringComparison.Ordinal);
        Assert.StartsWith("AI Hub Zuid-Holland. (2026", ResourceCitations.Of(resource with { Publisher = " " }, "AI Hub Zuid-Holland", Uri).Apa, StringComparison.Ordinal);
    }

    [Fact]
    public void A_BibTeX_entry_has_a_key_for_every_version_and_every_field_a_reference_manager_needs()
    {
        var bibtex = ResourceCitations.Of(Resource(), "AI Hub Zuid-Holland", Uri).BibTex;
        var nextYear = ResourceCitations.Of(Resource() with { Version = 9, ModifiedAt = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero) }, "AI Hub Zuid-Holland", Uri).BibTex;

        Assert.Equal(bibtex[..bibtex.IndexOf(',', StringComparison.Ordinal)], nextYear[..nextYear.IndexOf(',', StringComparison.Ordinal)]);
        Assert.Equal(
            "@misc{zuid-holland-7d1c2f3a0000,\n"
            + "  author       = {{Gemeente Rotterdam}},\n"
            + "  title        = {{Verkeersdrukte Rotterdam}},\n"
            + "  year         = {2026},\n"
            + "  month        = dec,\n"
            + "  date         = {2026-12-07},\n"
            + "  version      = {5},\n"
            + "  organization = {AI Hub Zuid-Holland},\n"
            + $"  howpublished = {{\\url{{{Uri.AbsoluteUri}}}}},\n"
            + $"  url          = {{{Uri.AbsoluteUri}}},\n"
            + "  note         = {Data set},\n"
            + "}",
            bibtex);
    }

    [Theory]
    [InlineData("Kosten } @misc{evil, title={x")]
    [InlineData("}}}@misc(evil, title = \"Pwned\", url = \"https://evil.example\")")]
    [InlineData("Sensordata {beta")]
    [InlineData("100% \\input{/etc/passwd} & $x$ #1 a_b ~ ^")]
    [InlineData("{{{")]
    public void A_title_with_LaTeX_specials_stays_inside_its_field(string title)
    {
        var bibtex = ResourceCitations.Of(Resource(title: title, publisher: "R&D {Lab}"), "AI Hub Zuid-Holland", Uri).BibTex;

        var depth = 0;
        var fieldsAtTopLevel = 0;
        // BibTeX counts every brace, escaped or not: the entry must close only at its very end.
        for (var i = 0; i < bibtex.Length; i++)
        {
            depth += bibtex[i] switch { '{' => 1, '}' => -1, _ => 0 };
            Assert.True(depth > 0 || i == bibtex.Length - 1 || i < bibtex.IndexOf('{', StringComparison.Ordinal), bibtex);
            Assert.True(depth >= 0, bibtex);
            fieldsAtTopLevel += depth == 1 && bibtex[i] == '=' ? 1 : 0;
        }

        Assert.Equal(0, depth);
        Assert.Equal(10, fieldsAtTopLevel);
        Assert.Single(bibtex.Split('@'), part => part.StartsWith("misc{", StringComparison.Ordinal));
        Assert.DoesNotContain("\\input", bibtex, StringComparison.Ordinal);
    }
}
