using System.Net;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Search;
using Federation.Testing;
using Npgsql;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Every dimension of the registry (<see cref="SearchDimensions"/>) is declared once and works everywhere in search:
/// a resource is found by the values it carries, they are counted in the facets, and values a dimension does not
/// allow are refused by name. The update frequency of datasets is the facet added through the registry alone.
/// </summary>
public sealed class SearchDimensionSpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string hub = CatalogueHost.NewHubId();
    private ResourceSnapshot[] corpus = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // Between them, these carry a value for every dimension of the registry (checked below).
        corpus = await DimensionCorpus.PublishAsync(Host, hub);
    }

    [Fact]
    public async Task Every_dimension_filters_and_is_counted_by_the_values_a_resource_carries()
    {
        var everything = await Host.SearchAsync($"hub={hub}");
        Assert.Equal(SearchDimensions.All.Select(d => d.Name).Order(), everything.GetProperty("facets").EnumerateObject().Select(f => f.Name).Order());

        foreach (var dimension in SearchDimensions.All)
        {
            var (resource, value) = corpus.SelectMany(r => dimension.TagsOf(r).OfType<string>().Select(v => (Resource: r, Value: v))).FirstOrDefault();
            Assert.True(resource is not null, $"the test's corpus has no value for '{dimension.Name}': give one of its resources one");

            var found = await Host.SearchAsync($"hub={hub}&{dimension.Name}={Uri.EscapeDataString(value)}");

            Assert.Contains(resource.Title, CatalogueHost.Titles(found));
            Assert.True(Facet(found, dimension.Name).GetValueOrDefault(dimension.Normalise(value)) >= 1,
                $"'{dimension.Name}' does not count '{value}' in {found.GetProperty("facets").GetProperty(dimension.Name)}");
        }
    }

    [Fact]
    public async Task Every_dimension_with_allowed_values_refuses_another_by_name()
    {
        foreach (var dimension in SearchDimensions.All.Where(d => d.Allowed is not null))
        {
            var response = await Host.Client.GetAsync($"/search?{dimension.Name}=no-such-value");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("errors");
            Assert.Contains("no-such-value", errors.GetProperty(dimension.Name)[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Datasets_are_found_and_counted_by_update_frequency()
    {
        var monthly = await Host.SearchAsync($"hub={hub}&updateFrequency=MONTHLY");
        var refused = await Host.Client.GetAsync("/search?updateFrequency=FORTNIGHTLY");

        Assert.Equal(["Traffic counts Eindhoven"], CatalogueHost.Titles(monthly));
        // A facet ignores its own filter: it shows what choosing the other frequency would give.
        Assert.Equal(new Dictionary<string, long> { ["MONTHLY"] = 1, ["WEEKLY"] = 1 }, Facet(monthly, "updateFrequency"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await JsonDocument.ParseAsync(await refused.Content.ReadAsStreamAsync())).RootElement.GetProperty("errors");
        Assert.StartsWith("Unknown updateFrequency 'FORTNIGHTLY': use CONT, DAILY", errors.GetProperty("updateFrequency")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_tagged_before_a_dimension_existed_are_tagged_again_at_the_next_start()
    {
        // As a catalogue that ran before updateFrequency was declared left its rows: no such tags, another tag format.
        await ExecuteAsync("""
            UPDATE catalogue_search SET filter_tags = array(SELECT t FROM unnest(filter_tags) AS t WHERE t NOT LIKE 'updateFrequency:%'),
                   tag_format = 'the dimensions before updateFrequency';
            """);
        Assert.Empty(CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&updateFrequency=MONTHLY")));

        Host = await Host.RestartAsync();

        var monthly = await Host.WaitForSearchAsync($"hub={hub}&updateFrequency=MONTHLY", r => r.GetProperty("total").GetInt64() == 1,
            "the rows to be tagged again");
        Assert.Equal(["Traffic counts Eindhoven"], CatalogueHost.Titles(monthly));
        Assert.Equal(corpus.Length, (await Host.SearchAsync($"hub={hub}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_keyword_given_in_mixed_case_is_found_and_counted_as_one_lower_case_value()
    {
        // The registry lower-cases keywords, those a resource carries and those a search asks for alike.
        Assert.Equal(ValueCase.Lower, SearchDimensions.Find("keyword")!.Case);
        var other = CatalogueHost.NewHubId();
        string[] spellings = ["Mobility", "MOBILITY", "mobility"];
        for (var i = 0; i < spellings.Length; i++)
        {
            await Host.PublishAsync(Snapshots.Event(CatalogueHost.Resource(other, $"Mobility survey {i}", keywords: [spellings[i], "Traffic"]), i + 1));
        }

        await Host.WaitForSearchAsync($"hub={other}", r => r.GetProperty("total").GetInt64() == spellings.Length, "the surveys to be indexed");

        var asked = await Host.SearchAsync($"hub={other}&keyword=MoBiLiTy");
        var askedTwice = await Host.SearchAsync($"hub={other}&keyword=MOBILITY&keyword=mobility");

        Assert.Equal(spellings.Length, asked.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["mobility"] = 3, ["traffic"] = 3 }, Facet(asked, "keyword"));
        Assert.Equal(spellings.Length, askedTwice.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["mobility"] = 3, ["traffic"] = 3 }, Facet(askedTwice, "keyword"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static Dictionary<string, long> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").GetProperty(name).EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
}
