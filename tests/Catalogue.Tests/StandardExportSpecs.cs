using System.Net;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Metadata;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>schema.org and Croissant JSON-LD for datasets, and Hugging Face style model cards for models.</summary>
public sealed class StandardExportSpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string hub = CatalogueHost.NewHubId();
    private readonly Guid dataset = Guid.NewGuid();
    private readonly Guid model = Guid.NewGuid();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ResourceSnapshot[] corpus =
        [
            CatalogueHost.Resource(hub, "Bearing vibration", id: dataset, keywords: ["vibration"], summary: "Accelerometer data of bearings.") with
            {
                Dataset = new DatasetMetadata(new DateOnly(2021, 1, 1), null, "Eindhoven", "MONTHLY",
                    [new Distribution("Raw signals", "application/x-parquet", "Parquet", 2048, new string('b', 64), null, new Uri("https://example.org/bearing.parquet"))]),
            },
            CatalogueHost.Resource(hub, "Bearing \"wear\" model\nv2", kind: ResourceKind.Model, id: model, licence: "Apache-2.0", keywords: ["predictive-maintenance"],
                summary: "Predicts bearing wear.") with
            {
                Language = "en",
                Model = new ModelCard("time-series-forecasting", "time-series", "LSTM", 1_200_000, [new ResourceLink(hub, dataset)],
                    "Maintenance planning.", "Safety-critical shutdown decisions.", "Trained on one plant.",
                    [new Evaluation("mae", 0.031, new ResourceLink(hub, dataset), "Bearing vibration")],
                    new AiActClassification("minimal"), 12.5, "NL"),
            },
        ];
        for (var i = 0; i < corpus.Length; i++)
        {
            await Host.PublishAsync(Snapshots.Event(corpus[i], i + 1));
        }

        await Host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the corpus to be indexed");
    }

    [Fact]
    public async Task A_dataset_is_described_as_a_schema_org_Dataset()
    {
        var document = JsonDocument.Parse(await Host.Client.GetStringAsync($"/resources/{dataset}/schema-org")).RootElement;

        Assert.Equal("https://schema.org/", document.GetProperty("@context").GetString());
        Assert.Equal("Dataset", document.GetProperty("@type").GetString());
        Assert.Equal("Bearing vibration", document.GetProperty("name").GetString());
        Assert.Equal("https://spdx.org/licenses/CC-BY-4.0", document.GetProperty("license").GetString());
        Assert.Equal("2021-01-01/..", document.GetProperty("temporalCoverage").GetString());
        var download = document.GetProperty("distribution")[0];
        Assert.Equal("DataDownload", download.GetProperty("@type").GetString());
        Assert.Equal("https://example.org/bearing.parquet", download.GetProperty("contentUrl").GetString());
    }

    [Fact]
    public async Task A_dataset_is_described_as_a_Croissant_dataset()
    {
        var document = JsonDocument.Parse(await Host.Client.GetStringAsync($"/resources/{dataset}/croissant")).RootElement;

        Assert.Equal("http://mlcommons.org/croissant/1.0", document.GetProperty("conformsTo").GetString());
        Assert.Equal("sc:Dataset", document.GetProperty("@type").GetString());
        Assert.Equal("http://mlcommons.org/croissant/", document.GetProperty("@context").GetProperty("cr").GetString());
        var file = document.GetProperty("distribution")[0];
        Assert.Equal("cr:FileObject", file.GetProperty("@type").GetString());
        Assert.Equal(new string('b', 64), file.GetProperty("sha256").GetString());
        Assert.Equal("application/x-parquet", file.GetProperty("encodingFormat").GetString());
        Assert.Contains("Bearing vibration", document.GetProperty("citeAs").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_is_exported_as_a_model_card_with_yaml_front_matter()
    {
        var card = await Host.Client.GetStringAsync($"/resources/{model}/model-card");

        var frontMatter = card.Split("---\n")[1];
        Assert.Contains("license: \"apache-2.0\"", frontMatter, StringComparison.Ordinal);
        Assert.Contains("pipeline_tag: \"time-series-forecasting\"", frontMatter, StringComparison.Ordinal);
        Assert.Contains($"- \"{hub}/{dataset}\"", frontMatter, StringComparison.Ordinal);
        Assert.Contains("eu_ai_act:\n  risk_class: \"minimal\"", frontMatter, StringComparison.Ordinal);
        Assert.Contains("- name: \"Bearing \\\"wear\\\" model\\nv2\"", frontMatter, StringComparison.Ordinal);
        Assert.Contains("      value: 0.031", frontMatter, StringComparison.Ordinal);
        Assert.Contains("## Out-of-scope use\n\nSafety-critical shutdown decisions.", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schema-org", true)]
    [InlineData("croissant", true)]
    [InlineData("model-card", false)]
    public async Task Each_export_is_for_its_own_kind(string export, bool forDatasets)
    {
        var wrongKind = forDatasets ? model : dataset;

        var response = await Host.Client.GetAsync($"/resources/{wrongKind}/{export}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
