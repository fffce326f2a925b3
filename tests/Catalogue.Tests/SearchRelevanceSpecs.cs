using System.Text.Json;
using Federation.Contracts;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>A fixed corpus in Dutch and English: stemming across both languages, ranking by field, exact facet counts.</summary>
public sealed class SearchRelevanceSpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string hub = CatalogueHost.NewHubId();
    private readonly string otherHub = CatalogueHost.NewHubId();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ResourceSnapshot[] corpus =
        [
            CatalogueHost.Resource(hub, "Energy model for wind farms", kind: ResourceKind.Model, licence: "Apache-2.0", keywords: ["wind", "forecasting"], themes: ["ENER"]),
            CatalogueHost.Resource(hub, "Verkeerstellingen dataset Amsterdam", licence: "CC0-1.0", access: AccessPolicy.Federation, keywords: ["verkeer", "mobiliteit"], themes: ["TRAN"]),
            CatalogueHost.Resource(hub, "Voorspellende modellen voor onderhoud", kind: ResourceKind.Model, licence: "MIT", keywords: ["onderhoud"], themes: ["TECH"]),
            CatalogueHost.Resource(hub, "Hospital admissions", licence: "CC-BY-4.0", access: AccessPolicy.Approval, keywords: ["health"], themes: ["HEAL"],
                description: "A dataset of anonymised hospital admissions."),
            CatalogueHost.Resource(hub, "Data science team for SMEs", kind: ResourceKind.Expertise, licence: "LicenseRef-proprietary", keywords: ["consultancy", "wind"], themes: ["ECON"]),
            CatalogueHost.Resource(otherHub, "Wind turbine vibration data", licence: "CC-BY-4.0", keywords: ["wind"], themes: ["ENER"]),
        ];
        var sequence = new Dictionary<string, long>();
        foreach (var resource in corpus)
        {
            sequence[resource.HubId] = sequence.GetValueOrDefault(resource.HubId) + 1;
            await Host.PublishAsync(Snapshots.Event(resource, sequence[resource.HubId]));
        }

        await Host.WaitForSearchAsync($"hub={hub}&hub={otherHub}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the corpus to be indexed");
    }

    private Task<JsonElement> Search(string query) => Host.SearchAsync($"hub={hub}&{query}");

    [Theory]
    [InlineData("hospitl", "hospital", "Hospital admissions")]
    [InlineData("verkeerstelingen amsterdam", "verkeerstellingen amsterdam", "Verkeerstellingen dataset Amsterdam")]
    public async Task A_search_that_finds_nothing_because_of_a_typo_gives_the_hits_of_the_corrected_text(string typed, string corrected, string expected)
    {
        var result = await Search($"q={Uri.EscapeDataString(typed)}");

        Assert.Equal(corrected, result.GetProperty("correctedText").GetString());
        Assert.Equal([expected], CatalogueHost.Titles(result));
    }

    [Theory]
    [InlineData("qqqqzzzz")]
    [InlineData("hospitl*")]
    public async Task Nonsense_and_prefix_terms_are_not_corrected(string typed)
    {
        var result = await Search($"q={Uri.EscapeDataString(typed)}");

        Assert.Equal(JsonValueKind.Null, result.GetProperty("correctedText").ValueKind);
        Assert.Equal(0, result.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("modellen", "Energy model for wind farms")]
    [InlineData("model", "Voorspellende modellen voor onderhoud")]
    [InlineData("datasets", "Verkeerstellingen dataset Amsterdam")]
    [InlineData("datasets", "Hospital admissions")]
    [InlineData("onderhoud", "Voorspellende modellen voor onderhoud")]
    public async Task Dutch_and_english_stemming_find_each_other(string query, string expected)
    {
        var titles = CatalogueHost.Titles(await Search($"q={query}"));
        Assert.Contains(expected, titles);
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_keyword_match()
    {
        var titles = CatalogueHost.Titles(await Search("q=wind")).ToList();
        Assert.Equal("Energy model for wind farms", titles[0]);
        Assert.Equal(2, titles.Count);
    }

    [Fact]
    public async Task Facet_counts_are_exact_and_ignore_their_own_filter()
    {
        var result = await Search("kind=model");

        Assert.Equal(2, result.GetProperty("total").GetInt64());
        var kinds = Facet(result, "kind");
        Assert.Equal(2, kinds["model"]);
        Assert.Equal(2, kinds["dataset"]);
        Assert.Equal(1, kinds["expertise"]);
        var licences = Facet(result, "licence");
        Assert.Equal(new Dictionary<string, long> { ["Apache-2.0"] = 1, ["MIT"] = 1 }, licences);
        Assert.Equal(new Dictionary<string, long> { ["ENER"] = 1, ["TECH"] = 1 }, Facet(result, "theme"));
    }

    [Fact]
    public async Task Filters_combine_across_facets_and_alternate_within_one()
    {
        var both = await Search("kind=dataset&kind=expertise&keyword=wind");
        Assert.Equal(["Data science team for SMEs"], CatalogueHost.Titles(both));

        var policies = await Search("accessPolicy=approval&accessPolicy=federation");
        Assert.Equal(2, policies.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Paging_returns_every_result_once()
    {
        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            seen.AddRange(CatalogueHost.Titles(await Search($"pageSize=2&page={page}")));
        }

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Distinct().Count());
    }

    private static Dictionary<string, long> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").GetProperty(name).EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
}
