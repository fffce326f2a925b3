using System.Text.Json;
using Federation.Contracts;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>
/// Compute offers in the search: found by kind, accelerator, eligibility, access mode, scheduler and reuse of waste
/// heat, each a facet with its counts, and by the words of their partitions ("H100", "Slurm").
/// </summary>
public sealed class ComputeSearchSpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string facility = CatalogueHost.NewHubId();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ResourceSnapshot[] corpus =
        [
            ComputeOffers.Snapshot(facility, "GPU fast track for start-ups", ComputeOffers.H100FastTrack),
            ComputeOffers.Snapshot(facility, "Inference partition for teaching", ComputeOffers.InferenceOnKubernetes),
            CatalogueHost.Resource(facility, "Job traces of the AI factory", keywords: ["traces"]),
        ];
        for (var i = 0; i < corpus.Length; i++)
        {
            await Host.PublishAsync(Snapshots.Event(corpus[i], i + 1));
        }

        await Host.WaitForSearchAsync($"hub={facility}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the corpus to be indexed");
    }

    [Fact]
    public async Task Compute_offers_are_a_kind_of_their_own_with_facets_of_their_own()
    {
        var result = await Host.SearchAsync($"hub={facility}&kind=compute");

        Assert.Equal(["GPU fast track for start-ups", "Inference partition for teaching"], CatalogueHost.Titles(result).Order());
        Assert.Equal(new Dictionary<string, long> { ["NVIDIA H100 SXM5 80GB"] = 1, ["NVIDIA L40S 48GB"] = 1 }, Facet(result, "accelerator"));
        Assert.Equal(new Dictionary<string, long> { ["start-up"] = 1, ["sme"] = 1, ["research"] = 2, ["public-sector"] = 1 }, Facet(result, "eligibility"));
        Assert.Equal(new Dictionary<string, long> { ["fast-track"] = 2, ["commercial"] = 1 }, Facet(result, "accessMode"));
        Assert.Equal(new Dictionary<string, long> { ["slurm"] = 1, ["kubernetes"] = 1 }, Facet(result, "scheduler"));
        Assert.Equal(new Dictionary<string, long> { ["yes"] = 1, ["no"] = 1 }, Facet(result, "wasteHeatReused"));
        Assert.Equal(new Dictionary<string, long> { ["compute"] = 2, ["dataset"] = 1 }, Facet(result, "kind"));
    }

    [Fact]
    public async Task Offers_are_filtered_by_who_may_apply_and_how()
    {
        var forStartUps = await Host.SearchAsync($"hub={facility}&eligibility=start-up");
        var paid = await Host.SearchAsync($"hub={facility}&accessMode=commercial");
        var heatReused = await Host.SearchAsync($"hub={facility}&wasteHeatReused=yes");

        Assert.Equal(["GPU fast track for start-ups"], CatalogueHost.Titles(forStartUps));
        Assert.Equal(["Inference partition for teaching"], CatalogueHost.Titles(paid));
        Assert.Equal(["GPU fast track for start-ups"], CatalogueHost.Titles(heatReused));
    }

    [Theory]
    [InlineData("H100", "GPU fast track for start-ups")]
    [InlineData("slurm", "GPU fast track for start-ups")]
    [InlineData("kubernetes", "Inference partition for teaching")]
    [InlineData("Eemshaven", "Inference partition for teaching")]
    public async Task The_words_of_an_offer_s_partitions_and_site_find_it(string query, string expected)
    {
        var result = await Host.SearchAsync($"hub={facility}&q={Uri.EscapeDataString(query)}");

        Assert.Equal([expected], CatalogueHost.Titles(result));
    }

    [Fact]
    public async Task An_unknown_eligibility_is_refused_by_name()
    {
        var response = await Host.Client.GetAsync($"/search?eligibility=everyone");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("eligibility", out _), problem.ToString());
    }

    private static Dictionary<string, long> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").GetProperty(name).EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
}
