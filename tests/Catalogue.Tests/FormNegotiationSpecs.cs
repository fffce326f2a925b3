using Federation.Catalogue.Identifiers;

namespace Federation.Catalogue.Tests;

/// <summary>Which form an Accept header chooses among a dataset's, as RFC 9110 has it: quality, then the most specific range, then the catalogue's order.</summary>
public sealed class FormNegotiationSpecs
{
    private static readonly IReadOnlyList<ResourceForm> DatasetForms = [.. ResourceForm.All.Where(form => form.IsFor(Federation.Contracts.ResourceKind.Dataset))];

    [Theory]
    [InlineData(null, "html")]
    [InlineData("", "html")]
    [InlineData("*/*", "html")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html")]
    [InlineData("text/*", "html")]
    [InlineData("text/*;q=0.5, text/turtle", "ttl")]
    [InlineData("application/ld+json", "jsonld")]
    [InlineData("application/ld+json;profile=\"https://schema.org/\"", "schema.org")]
    [InlineData("application/ld+json;profile=\"http://www.w3.org/ns/json-ld#compacted https://schema.org/\"", "schema.org")]
    [InlineData("application/ld+json;profile=\"http://www.w3.org/ns/json-ld#expanded\"", "jsonld")]
    [InlineData("APPLICATION/LD+JSON; PROFILE=\"http://mlcommons.org/croissant/1.0\"", "croissant")]
    [InlineData("application/ld+json;q=0.2, application/ld+json;profile=\"https://schema.org/\";q=0.9", "schema.org")]
    [InlineData("*/*;q=0.1, text/html;q=0", "jsonld")]
    [InlineData("text/x-bibliography", "apa")]
    [InlineData("text/x-bibliography; style=apa; locale=nl-NL", "apa")]
    [InlineData("application/x-bibtex;q=0.9, text/turtle;q=0.9", "ttl")]
    [InlineData("text/turtle;q=2, application/json", "json")]
    [InlineData("not a media type", "html")]
    public void The_form_chosen_is_the_one_the_header_prefers(string? accept, string expected) =>
        Assert.Equal(expected, FormNegotiation.Choose(accept, DatasetForms)?.Format);

    [Theory]
    [InlineData("image/png")]
    [InlineData("text/markdown")]
    [InlineData("application/ld+json;profile=\"https://example.org/other\"")]
    [InlineData("text/x-bibliography; style=chicago")]
    [InlineData("text/turtle;q=0, */*;q=0")]
    public void A_header_accepting_none_of_the_forms_chooses_none(string accept) =>
        Assert.Null(FormNegotiation.Choose(accept, DatasetForms));
}
