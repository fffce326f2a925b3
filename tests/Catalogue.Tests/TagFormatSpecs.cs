using Federation.Catalogue.Storage;
using Federation.Contracts.Search;

namespace Federation.Catalogue.Tests;

/// <summary>
/// The tag format is a stable hash of everything in the registry that decides a row's tags: a new dimension or a
/// changed case rule gives another format (and so a re-tag at start), while what only the portal shows, what only
/// queries are checked against (the allowed values), or the order of the list, does not.
/// </summary>
public sealed class TagFormatSpecs
{
    private static readonly IReadOnlyList<SearchDimension> Registry = SearchDimensions.All;

    private static IReadOnlyList<SearchDimension> With(string name, Func<SearchDimension, SearchDimension> change) =>
        [.. Registry.Select(d => d.Name == name ? change(d) : d)];

    [Fact]
    public void The_same_registry_in_any_order_has_the_same_format()
    {
        Assert.Equal(TagFormat.Current, TagFormat.Of(Registry));
        Assert.Equal(TagFormat.Current, TagFormat.Of(Registry.Reverse()));
    }

    [Fact]
    public void A_new_dimension_or_a_changed_case_rule_gives_another_format()
    {
        string[] formats =
        [
            TagFormat.Current,
            TagFormat.Of([.. Registry, new SearchDimension("dataSteward", _ => [])]),
            TagFormat.Of(With("storageCountry", d => d with { Case = ValueCase.Lower })),
            TagFormat.Of(Registry, selectorRevision: 99),
        ];

        Assert.Equal(formats.Length, formats.Distinct().Count());
    }

    [Fact]
    public void Labels_value_names_and_the_vocabulary_leave_the_format_alone()
    {
        // A vocabulary decides what a query may ask for; a resource is tagged with its values whatever the list holds.
        Assert.Equal(TagFormat.Current, TagFormat.Of(With("updateFrequency", d => d with { Allowed = [.. d.Allowed!, "HOURLY"] })));
        Assert.Equal(TagFormat.Current, TagFormat.Of(With("licence", d => d with { Allowed = [] })));
        Assert.Equal(TagFormat.Current, TagFormat.Of(With("riskClass", d => d with { ValueLabelKey = "ai-risk.{0}" })));
        Assert.Equal(TagFormat.Current, TagFormat.Of(With("region", d => d with { ValueNames = new Dictionary<string, string>() })));
        Assert.Equal(TagFormat.Current, TagFormat.Of(With("riskClass", d => d with { Allowed = [.. d.Allowed!.Reverse()] })));
    }

    [Fact]
    public void The_format_is_the_same_in_every_process()
    {
        // Pinned for a fixed registry: a hash that changed between runs (string.GetHashCode does) would re-tag at every start.
        var format = TagFormat.Of([new SearchDimension("colour", _ => [], Allowed: ["red", "green"], Case: ValueCase.Lower)], selectorRevision: 1);

        // The first 16 hex digits of SHA-256("tags/1|6:colour5:Lower"), worked out outside .NET.
        Assert.Equal("a5c6ba5539448fc7", format);
    }
}
