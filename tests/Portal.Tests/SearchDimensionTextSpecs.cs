using Federation.Contracts.Search;
using Federation.Portal.Discover;
using Federation.Portal.Language;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Federation.Portal.Tests;

/// <summary>What the portal knows of each dimension of the registry of search dimensions: its texts, and its place in the URL.</summary>
public sealed class SearchDimensionTextSpecs
{
    [Fact]
    public void Every_dimension_has_a_heading_and_every_value_it_allows_a_label_in_both_languages()
    {
        var keys = SearchDimensions.All.Select(d => d.LabelKey)
            .Concat(SearchDimensions.All.Where(d => d.ValueLabelKey is not null && d.Allowed is not null)
                .SelectMany(d => d.Allowed!.Select(v => FacetLabels.KeyOf(d.ValueLabelKey!, v))));

        Assert.DoesNotContain(keys, key => !PortalText.Has(key));
    }

    [Fact]
    public void Every_dimension_is_read_from_the_portals_url_and_passed_on_to_the_catalogue()
    {
        var url = new QueryCollection(SearchDimensions.All.ToDictionary(d => d.Name, d => new StringValues($"{d.Name}-value")));

        var query = SearchQuery.From(url);

        Assert.Equal(SearchDimensions.All.Select(d => d.Name).Order(), query.Filters.Keys.Order());
        Assert.Equal(string.Join('&', SearchDimensions.All.Select(d => $"{d.Name}={d.Name}-value")) + "&pageSize=20", query.CatalogueQuery());
    }
}
