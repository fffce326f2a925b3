using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Metadata;
using Federation.Testing;

namespace Federation.Catalogue.Tests;

/// <summary>
/// The DCAT-AP 3 exports, checked by a real SHACL validator against the official SEMIC shapes (mandatory properties
/// and class ranges), in Turtle and JSON-LD, for the paged catalogue and for a single dataset.
/// </summary>
public sealed class DcatApExportSpecs : IAsyncLifetime
{
    private readonly string hub = CatalogueHost.NewHubId();
    private readonly Guid rich = Guid.NewGuid();
    private CatalogueHost catalogue = null!;

    public async ValueTask InitializeAsync()
    {
        catalogue = await CatalogueHost.StartAsync();
        ResourceSnapshot[] corpus =
        [
            CatalogueHost.Resource(hub, "Luchtkwaliteit Eindhoven 2020-2024", id: rich, keywords: ["luchtkwaliteit", "fijnstof"], themes: ["ENVI", "HEAL"],
                summary: "Hourly PM2.5 and NO2 from 40 sensors.", description: "Measurements by the municipality's \"Airbox\" network; calibrated weekly.") with
            {
                Language = "nl",
                ContactPoint = "data@eindhoven.example",
                Dataset = new DatasetMetadata(
                    new DateOnly(2020, 1, 1), new DateOnly(2024, 12, 31), "Eindhoven", "DAILY",
                    [
                        new Distribution("Hourly measurements (CSV)", "text/csv", "CSV", 1_234_567, new string('a', 64), Guid.NewGuid()),
                        new Distribution("Sensor locations (GeoJSON)", "application/geo+json", null, null, null, null, new Uri("https://example.org/airbox/locations.geojson")),
                    ],
                    ContainsPersonalData: true, LegalBasis: "public-task", CollectionProcess: "Low-cost sensors on lamp posts.", KnownBiases: "Sparse in rural areas."),
                Sovereignty = new Sovereignty("NL", ["NL"], "EU"),
            },
            CatalogueHost.Resource(hub, "Minimal dataset"),
            CatalogueHost.Resource(hub, "A model, not exported", kind: ResourceKind.Model),
        ];
        for (var i = 0; i < corpus.Length; i++)
        {
            await catalogue.PublishAsync(Snapshots.Event(corpus[i], i + 1));
        }

        await catalogue.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the corpus to be indexed");
    }

    public async ValueTask DisposeAsync() => await catalogue.DisposeAsync();

    [Theory]
    [InlineData("ttl")]
    [InlineData("jsonld")]
    public async Task The_catalogue_export_conforms_to_the_DCAT_AP_shapes(string format)
    {
        var export = await catalogue.Client.GetStringAsync($"/export/dcat-ap?format={format}&pageSize=500");

        var report = await ShaclValidator.ValidateAsync(export, format);

        Assert.True(report.Conforms, report.Report);
        Assert.Contains("Luchtkwaliteit Eindhoven 2020-2024", export, StringComparison.Ordinal);
        Assert.DoesNotContain("A model, not exported", export, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ttl")]
    [InlineData("jsonld")]
    public async Task A_single_dataset_conforms_with_all_its_metadata(string format)
    {
        var export = await catalogue.Client.GetStringAsync($"/resources/{rich}/dcat-ap?format={format}");

        var report = await ShaclValidator.ValidateAsync(export, format);

        Assert.True(report.Conforms, report.Report);
        foreach (var expected in new[] { "data-theme/ENVI", "frequency/DAILY", "media-types/text/csv", "spdx.org/licenses/CC-BY-4.0", "checksumAlgorithm_sha256", "2016/679" })
        {
            Assert.Contains(expected, export, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_validator_does_find_what_is_missing()
    {
        // A control: the same export without its descriptions must fail, or the checks above prove nothing.
        var export = await catalogue.Client.GetStringAsync($"/resources/{rich}/dcat-ap?format=ttl");
        var broken = string.Join('\n', export.Split('\n').Where(line => !line.Contains("dct:description", StringComparison.Ordinal)));

        var report = await ShaclValidator.ValidateAsync(broken, "ttl");

        Assert.False(report.Conforms);
        Assert.Contains("http://purl.org/dc/terms/description", report.Report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalogue_export_pages_with_hydra_links()
    {
        var first = JsonDocument.Parse(await catalogue.Client.GetStringAsync("/export/dcat-ap?pageSize=1")).RootElement;

        var view = first.GetProperty("@graph").EnumerateArray().Single(node => node.TryGetProperty("@type", out var type) && type[0].GetString() == "hydra:PartialCollectionView");
        Assert.Contains("page=2", view.GetProperty("hydra:next")[0].GetProperty("@id").GetString(), StringComparison.Ordinal);
    }
}
