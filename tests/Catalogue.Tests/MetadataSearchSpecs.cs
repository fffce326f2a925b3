using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Metadata;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>Facets and filters on the metadata by kind: AI Act class, modality, personal data, sovereignty, and expertise by skill, sector, region and availability.</summary>
public sealed class MetadataSearchSpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string hub = CatalogueHost.NewHubId();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ResourceSnapshot[] corpus =
        [
            Model("CV screening model", "high-risk", "text", "NL") with { Model = new ModelCard("text-classification", "text", AiAct: new AiActClassification("high-risk", "employment", "Ranking CVs.")) },
            Model("Chat assistant for municipalities", "limited", "text", "DE"),
            Model("Crop yield forecaster", "minimal", "time-series", "NL"),
            CatalogueHost.Resource(hub, "Patient records Zuyderland") with { Dataset = new DatasetMetadata(ContainsPersonalData: true, LegalBasis: "public-task"), Sovereignty = new Sovereignty("NL") },
            CatalogueHost.Resource(hub, "Weather stations Limburg") with { Dataset = new DatasetMetadata(ContainsPersonalData: false), Sovereignty = new Sovereignty("BE") },
            Expert("Vision lab Eindhoven", ["computer-vision", "edge-ai"], ["C"], "NL-NB", "available"),
            Expert("NLP consultancy Utrecht", ["natural-language-processing"], ["J", "O"], "NL-UT", "limited"),
            Expert("Agri vision team Wageningen", ["computer-vision"], ["A"], "NL-GE", "unavailable"),
        ];
        for (var i = 0; i < corpus.Length; i++)
        {
            await Host.PublishAsync(Snapshots.Event(corpus[i], i + 1));
        }

        await Host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the corpus to be indexed");
    }

    [Fact]
    public async Task Models_are_faceted_by_AI_Act_class_and_modality()
    {
        var result = await Host.SearchAsync($"hub={hub}&kind=model&riskClass=high-risk&riskClass=limited");

        Assert.Equal(["Chat assistant for municipalities", "CV screening model"], CatalogueHost.Titles(result).Order());
        Assert.Equal(new Dictionary<string, long> { ["high-risk"] = 1, ["limited"] = 1, ["minimal"] = 1 }, Facet(result, "riskClass"));
        Assert.Equal(new Dictionary<string, long> { ["text"] = 2 }, Facet(result, "modality"));
    }

    [Fact]
    public async Task Datasets_with_personal_data_and_resources_by_storage_country_can_be_found()
    {
        var personal = await Host.SearchAsync($"hub={hub}&personalData=yes");
        var storedInNl = await Host.SearchAsync($"hub={hub}&storageCountry=nl");

        Assert.Equal(["Patient records Zuyderland"], CatalogueHost.Titles(personal));
        Assert.Equal(new Dictionary<string, long> { ["yes"] = 1, ["no"] = 1 }, Facet(personal, "personalData"));
        Assert.Equal(3, storedInNl.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["NL"] = 3, ["DE"] = 1, ["BE"] = 1 }, Facet(storedInNl, "storageCountry"));
    }

    [Fact]
    public async Task Expertise_is_found_by_skill_sector_region_and_availability()
    {
        var vision = await Host.SearchAsync($"hub={hub}&kind=expertise&skill=computer-vision&availability=available&availability=limited");
        var bySector = await Host.SearchAsync($"hub={hub}&sector=O");
        var byRegion = await Host.SearchAsync($"hub={hub}&region=NL-GE");
        var byText = await Host.SearchAsync($"hub={hub}&q=edge-ai");

        Assert.Equal(["Vision lab Eindhoven"], CatalogueHost.Titles(vision));
        // A facet ignores its own filter: it shows what choosing another skill would give among the available offers.
        Assert.Equal(new Dictionary<string, long> { ["computer-vision"] = 1, ["edge-ai"] = 1, ["natural-language-processing"] = 1 }, Facet(vision, "skill"));
        Assert.Equal(["NLP consultancy Utrecht"], CatalogueHost.Titles(bySector));
        Assert.Equal(["Agri vision team Wageningen"], CatalogueHost.Titles(byRegion));
        Assert.Contains("Vision lab Eindhoven", CatalogueHost.Titles(byText));
    }

    [Fact]
    public async Task A_value_holding_the_tag_separator_is_counted_as_one_value()
    {
        // Hubs refuse control characters, but the catalogue does not rely on it: the search joins a row's facet tags
        // with the unit separator, and a value holding one must not fall apart into other values.
        var otherHub = CatalogueHost.NewHubId();
        await Host.PublishAsync(Snapshots.Event(CatalogueHost.Resource(otherHub, "Odd licence", licence: "CC-BY\u001fkind:model"), 1));
        await Host.PublishAsync(Snapshots.Event(CatalogueHost.Resource(otherHub, "Plain licence", licence: "MIT"), 2));
        var result = await Host.WaitForSearchAsync($"hub={otherHub}", r => r.GetProperty("total").GetInt64() == 2, "both resources to be indexed");

        Assert.Equal(new Dictionary<string, long> { ["CC-BY kind:model"] = 1, ["MIT"] = 1 }, Facet(result, "licence"));
        Assert.Equal(new Dictionary<string, long> { ["dataset"] = 2 }, Facet(result, "kind"));
    }

    [Theory]
    [InlineData("riskClass=dangerous")]
    [InlineData("sector=Z")]
    [InlineData("personalData=maybe")]
    public async Task Unknown_metadata_filter_values_are_refused_by_name(string query)
    {
        var response = await Host.Client.GetAsync($"/search?{query}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(query.Split('=')[0], out _));
    }

    private ResourceSnapshot Model(string title, string riskClass, string modality, string storedIn) =>
        CatalogueHost.Resource(hub, title, kind: ResourceKind.Model) with
        {
            Model = new ModelCard("other", modality, AiAct: new AiActClassification(riskClass)),
            Sovereignty = new Sovereignty(storedIn),
        };

    private ResourceSnapshot Expert(string title, string[] skills, string[] sectors, string region, string availability) =>
        CatalogueHost.Resource(hub, title, kind: ResourceKind.Expertise) with
        {
            Expertise = new ExpertiseProfile("team", skills, [], sectors, region, ["nl"], availability),
        };

    private static Dictionary<string, long> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").GetProperty(name).EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
}
