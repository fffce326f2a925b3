using System.Text.Json;
using Federation.Contracts;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Dutch compounds found by their parts (the whole word above a part), and Dutch and English queries finding each
/// other through the vocabulary, with the switch that turns translations off; on the real catalogue.
/// </summary>
public sealed class DutchSearchSpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string hub = CatalogueHost.NewHubId();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ResourceSnapshot[] corpus =
        [
            CatalogueHost.Resource(hub, "Verkeersdata Rotterdam", summary: "Tellingen van auto's en fietsen op de ringweg."),
            CatalogueHost.Resource(hub, "Open data of the municipal registers", summary: "Registers of a municipality, as published."),
            CatalogueHost.Resource(hub, "Gegevens over verkeer", summary: "Data over het verkeer in Utrecht, per kwartier."),
            CatalogueHost.Resource(hub, "Satellietbeelden van de Waddenzee", summary: "Opnamen van het wad bij laagwater."),
            CatalogueHost.Resource(hub, "Satellite imagery of Dutch farmland", summary: "Sentinel-2 tiles over arable land."),
            CatalogueHost.Resource(hub, "Hospital admissions by week", summary: "Anonymised counts of admissions."),
        ];
        var sequence = 0L;
        foreach (var resource in corpus)
        {
            await Host.PublishAsync(Snapshots.Event(resource, ++sequence));
        }

        await Host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the corpus to be indexed");
    }

    private async Task<(List<string> Titles, List<string> AlsoSearched)> Search(string query)
    {
        var result = await Host.SearchAsync($"hub={hub}&{query}");
        return (CatalogueHost.Titles(result).ToList(), result.GetProperty("alsoSearched").EnumerateArray().Select(t => t.GetString()!).ToList());
    }

    [Fact]
    public async Task A_part_finds_the_compound_below_the_word_itself()
    {
        var (titles, _) = await Search("q=data");

        Assert.Contains("Verkeersdata Rotterdam", titles);
        Assert.True(titles.IndexOf("Open data of the municipal registers") < titles.IndexOf("Verkeersdata Rotterdam"), string.Join(" / ", titles));
    }

    [Fact]
    public async Task An_inflected_last_part_finds_its_compound()
    {
        var (titles, _) = await Search("q=beelden&translate=false");

        Assert.Equal(["Satellietbeelden van de Waddenzee"], titles);
    }

    [Fact]
    public async Task A_compound_finds_its_parts_written_apart_below_the_compound_itself()
    {
        var (titles, _) = await Search("q=verkeersdata&translate=false");

        Assert.Equal(["Verkeersdata Rotterdam", "Gegevens over verkeer"], titles);
    }

    [Fact]
    public async Task A_dutch_query_finds_english_resources_below_the_dutch_ones_and_says_what_it_also_searched()
    {
        var (titles, alsoSearched) = await Search("q=satellietbeelden");

        Assert.Equal(["Satellietbeelden van de Waddenzee", "Satellite imagery of Dutch farmland"], titles);
        Assert.Contains("satellite imagery", alsoSearched);
    }

    [Fact]
    public async Task An_english_query_finds_dutch_resources()
    {
        var (titles, alsoSearched) = await Search("q=satellite%20imagery");

        Assert.Equal(["Satellite imagery of Dutch farmland", "Satellietbeelden van de Waddenzee"], titles);
        Assert.Contains("satellietbeelden", alsoSearched);
    }

    [Fact]
    public async Task Switched_off_translations_find_only_what_was_typed()
    {
        var (titles, alsoSearched) = await Search("q=satellietbeelden&translate=false");

        Assert.Equal(["Satellietbeelden van de Waddenzee"], titles);
        Assert.Empty(alsoSearched);
    }

    [Fact]
    public async Task A_phrase_in_quotes_is_searched_as_typed()
    {
        var (titles, alsoSearched) = await Search("q=%22satellite%20imagery%22");

        Assert.Equal(["Satellite imagery of Dutch farmland"], titles);
        Assert.Empty(alsoSearched);
    }

    [Fact]
    public async Task The_translation_switch_takes_only_true_or_false()
    {
        var response = await Host.Client.GetAsync("/search?q=data&translate=maybe");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(response.Content);
        Assert.True(problem.GetProperty("errors").TryGetProperty("translate", out _));
    }
}
