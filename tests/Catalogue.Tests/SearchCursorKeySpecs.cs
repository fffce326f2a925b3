using Federation.Catalogue.Search;
using Federation.Contracts.Search;

namespace Federation.Catalogue.Tests;

/// <summary>
/// A cursor is bound to its search by a key made of the text, the sort and the dimensions the search filters on:
/// a dimension added to the registry leaves the cursors of searches that do not use it valid.
/// </summary>
public sealed class SearchCursorKeySpecs
{
    private static readonly IReadOnlyList<SearchDimension> Grown = [.. SearchDimensions.All, new SearchDimension("dataSteward", _ => [])];

    private static SearchRequest Request(string? text, SearchSort sort = SearchSort.Relevance, params (string Dimension, string Value)[] filters) =>
        new(text, filters.GroupBy(f => f.Dimension).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(f => f.Value)]), 1, 20, sort);

    [Fact]
    public void A_dimension_added_to_the_registry_leaves_the_key_of_a_search_that_does_not_use_it_alone()
    {
        SearchRequest[] searches = [Request("wind"), Request(null, SearchSort.Modified), Request("wind", filters: [("keyword", "energy"), ("kind", "dataset")])];

        Assert.All(searches, search => Assert.Equal(SearchCursor.QueryKeyOf(search), SearchCursor.QueryKeyOf(search, Grown)));
    }

    [Fact]
    public void The_registry_in_another_order_leaves_every_key_alone()
    {
        var search = Request("wind", filters: [("keyword", "energy"), ("kind", "dataset")]);

        Assert.Equal(SearchCursor.QueryKeyOf(search), SearchCursor.QueryKeyOf(search, SearchDimensions.All.Reverse()));
    }

    [Fact]
    public void The_key_still_tells_searches_apart_by_text_sort_and_filters()
    {
        string[] keys =
        [
            SearchCursor.QueryKeyOf(Request("wind"), Grown),
            SearchCursor.QueryKeyOf(Request("water"), Grown),
            SearchCursor.QueryKeyOf(Request("wind", SearchSort.Modified), Grown),
            SearchCursor.QueryKeyOf(Request("wind", filters: ("keyword", "energy")), Grown),
            SearchCursor.QueryKeyOf(Request("wind", filters: ("keyword", "water")), Grown),
            SearchCursor.QueryKeyOf(Request("wind", filters: ("licence", "energy")), Grown),
            SearchCursor.QueryKeyOf(Request("wind", filters: ("dataSteward", "energy")), Grown),
        ];

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
