using System.Text.Json;
using Federation.Rdf;
using Federation.Contracts;
using Federation.Contracts.Metadata;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>
/// The DCAT-AP 3 exports, checked by a real SHACL validator against the official SEMIC shapes (mandatory properties
/// and class ranges), in Turtle and JSON-LD, for the paged catalogue and for a single dataset.
/// </summary>
public sealed class DcatApExportSpecs : SpecsOnAFresh<CatalogueHost>
{
    private readonly string hub = CatalogueHost.NewHubId();
    private readonly Guid rich = Guid.NewGuid();
    private readonly Guid compute = Guid.NewGuid();
    private readonly Guid awkward = Guid.NewGuid();
    private readonly Guid minimal = Guid.NewGuid();

    // Every field of the dataset registry has a value here (one added later gets a sample), so that each is exported
    // and validated.
    private static readonly DatasetMetadata RichDataset = DatasetTextFields.All.Aggregate(
        new DatasetMetadata(
            new DateOnly(2020, 1, 1), new DateOnly(2024, 12, 31), "Eindhoven", "DAILY",
            [
                new Distribution("Hourly measurements (CSV)", "text/csv", "CSV", 1_234_567, new string('a', 64), Guid.NewGuid()),
                new Distribution("Sensor locations (GeoJSON)", "application/geo+json", null, null, null, null, new Uri("https://example.org/airbox/locations.geojson")),
            ],
            ContainsPersonalData: true, LegalBasis: "public-task", CollectionProcess: "Low-cost sensors on lamp posts.", KnownBiases: "Sparse in rural areas.",
            Version: "2024.12"),
        (metadata, field) => field.Metadata.Get(metadata) is null ? field.Metadata.With(metadata, field.Allowed?[0] ?? $"{field.Name} 1") : metadata);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ResourceSnapshot[] corpus =
        [
            CatalogueHost.Resource(hub, "Luchtkwaliteit Eindhoven 2020-2024", id: rich, keywords: ["luchtkwaliteit", "fijnstof"], themes: ["ENVI", "HEAL"],
                summary: "Hourly PM2.5 and NO2 from 40 sensors.", description: "Measurements by the municipality's \"Airbox\" network; calibrated weekly.") with
            {
                Language = "nl",
                ContactPoint = "data@eindhoven.example",
                Dataset = RichDataset,
                ChangeNote = "Kalibratie van maart toegevoegd.",
                Sovereignty = new Sovereignty("NL", ["NL"], "EU"),
            },
            CatalogueHost.Resource(hub, "Minimal dataset", id: minimal),

            // Values a source may well hold: an address with a space, braces and a pipe, text with quotes, line
            // breaks and a character outside the basic plane.
            CatalogueHost.Resource(hub, "Titel met \"quotes\" en\neen regel 🚲", id: awkward, keywords: ["a \"b\"", "c\\d"],
                description: "Beschrijving met <tags> & 'apostrofs'.") with
            {
                Language = "nl",
                ContactPoint = "https://example.org/kontakt?a=b c|d{e}",
                Dataset = new DatasetMetadata(null, null, "Zuid-Holland", null,
                    [new Distribution("Bestand met spaties", "text/csv", null, null, null, null, new Uri("https://example.org/files/a b{c}.csv?x=\"y\""))],
                    false, null, null, null),
            },
            CatalogueHost.Resource(hub, "A model, not exported", kind: ResourceKind.Model),
            ComputeOffers.Snapshot(hub, "GPU fast track for start-ups", ComputeOffers.H100FastTrack, compute) with { Keywords = ["gpu"], Themes = ["TECH"] },
        ];
        for (var i = 0; i < corpus.Length; i++)
        {
            await Host.PublishAsync(Snapshots.Event(corpus[i], i + 1));
        }

        await Host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == corpus.Length, "the corpus to be indexed");
    }

    [Fact]
    public async Task Every_export_parses_in_outside_parsers_and_its_Turtle_and_JSON_LD_are_one_graph_that_reads_back_here()
    {
        foreach (var path in new[] { "/export/dcat-ap?pageSize=500&", $"/resources/{rich}/dcat-ap?", $"/resources/{compute}/dcat-ap?", $"/resources/{awkward}/dcat-ap?" })
        {
            var turtle = await Host.Client.GetStringAsync($"{path}format=ttl");
            var jsonLd = await Host.Client.GetStringAsync($"{path}format=jsonld");

            var graph = await OutsideRdf.CanonicalAsync(turtle, "turtle");

            Assert.Equal(graph, await OutsideRdf.CanonicalAsync(jsonLd, "jsonld"));
            Assert.Equal(graph, await OutsideRdf.CanonicalAsync(NTriplesWriter.Write(RdfSyntax.Turtle.Read(turtle)), "ntriples"));
            Assert.Equal(graph, await OutsideRdf.CanonicalAsync(NTriplesWriter.Write(RdfSyntax.JsonLd.Read(jsonLd)), "ntriples"));
        }

        var awkwardTurtle = await Host.Client.GetStringAsync($"/resources/{awkward}/dcat-ap?format=ttl");
        Assert.Contains("<https://example.org/kontakt?a=b%20c%7Cd%7Be%7D>", awkwardTurtle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dataset_carries_its_version_and_the_note_of_the_change_that_made_it()
    {
        var rich = await Host.Client.GetStringAsync($"/resources/{this.rich}/dcat-ap?format=ttl");
        var plain = await Host.Client.GetStringAsync($"/resources/{minimal}/dcat-ap?format=ttl");

        Assert.Contains("adms:versionNotes \"Kalibratie van maart toegevoegd.\"", rich, StringComparison.Ordinal);
        Assert.Contains("dcat:version \"2024.12\"", rich, StringComparison.Ordinal); // the publisher's own label
        Assert.Contains("dcat:version \"2\"", plain, StringComparison.Ordinal);      // else the federation's count
        Assert.DoesNotContain("adms:versionNotes", plain, StringComparison.Ordinal);
        Assert.True((await ShaclValidator.ValidateAsync(rich, "ttl")).Conforms);
    }

    [Theory]
    [InlineData("ttl")]
    [InlineData("jsonld")]
    public async Task The_catalogue_export_conforms_to_the_DCAT_AP_shapes(string format)
    {
        var export = await Host.Client.GetStringAsync($"/export/dcat-ap?format={format}&pageSize=500");

        var report = await ShaclValidator.ValidateAsync(export, format);

        Assert.True(report.Conforms, report.Report);
        Assert.Contains("Luchtkwaliteit Eindhoven 2020-2024", export, StringComparison.Ordinal);
        Assert.Contains("GPU fast track for start-ups", export, StringComparison.Ordinal);
        Assert.DoesNotContain("A model, not exported", export, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ttl")]
    [InlineData("jsonld")]
    public async Task A_compute_offer_is_a_data_service_that_conforms_and_names_its_partitions_and_energy(string format)
    {
        var export = await Host.Client.GetStringAsync($"/resources/{compute}/dcat-ap?format={format}");

        var report = await ShaclValidator.ValidateAsync(export, format);

        Assert.True(report.Conforms, report.Report);
        foreach (var expected in new[] { "dcat:DataService", "dcat:endpointURL", "dct:RightsStatement", "NVIDIA H100 SXM5 80GB", "PUE 1.18", "Warmtenet Groningen" })
        {
            Assert.Contains(expected, export, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_catalogue_lists_compute_offers_as_its_services()
    {
        var graph = JsonDocument.Parse(await Host.Client.GetStringAsync("/export/dcat-ap?pageSize=500")).RootElement.GetProperty("@graph");
        var catalog = graph.EnumerateArray().Single(node => node.TryGetProperty("@type", out var type) && type[0].GetString() == "dcat:Catalog");
        static IEnumerable<string> Ids(JsonElement node, string property) =>
            node.TryGetProperty(property, out var values) ? values.EnumerateArray().Select(v => v.GetProperty("@id").GetString()!) : [];

        Assert.Contains(Ids(catalog, "dcat:service"), id => id.EndsWith($"/id/{hub}/{compute}", StringComparison.Ordinal));
        Assert.DoesNotContain(Ids(catalog, "dcat:dataset"), id => id.EndsWith($"/id/{hub}/{compute}", StringComparison.Ordinal));
        Assert.Contains(Ids(catalog, "dcat:dataset"), id => id.EndsWith($"/id/{hub}/{rich}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_field_of_the_dataset_registry_with_a_DCAT_AP_property_is_a_literal_of_it_and_the_others_are_left_out()
    {
        var turtle = await Host.Client.GetStringAsync($"/resources/{rich}/dcat-ap?format=ttl");
        var jsonLd = JsonDocument.Parse(await Host.Client.GetStringAsync($"/resources/{rich}/dcat-ap?format=jsonld")).RootElement;
        var dataset = jsonLd.GetProperty("@graph").EnumerateArray()
            .Single(node => node.TryGetProperty("@id", out var id) && id.GetString()!.EndsWith($"/id/{hub}/{rich}", StringComparison.Ordinal));

        Assert.Contains(DatasetTextFields.All, field => field.Name == "version" && field.DcatProperty == Vocab.Dcat + "version");
        foreach (var field in DatasetTextFields.All)
        {
            var value = field.Metadata.Get(RichDataset)!;
            if (field.DcatProperty is { } property)
            {
                var (prefix, ns) = Vocab.Prefixes.Single(p => property.StartsWith(p.Value, StringComparison.Ordinal));
                var compact = $"{prefix}:{property[ns.Length..]}";
                Assert.Contains($"{compact} \"{value}\"", turtle, StringComparison.Ordinal);
                Assert.Equal([value], dataset.GetProperty(compact).EnumerateArray().Select(literal => literal.GetProperty("@value").GetString()));
            }
            else
            {
                Assert.DoesNotContain(value, turtle, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_validator_does_find_what_is_missing()
    {
        // A control: the same export without its descriptions must fail, or the checks above prove nothing.
        var export = await Host.Client.GetStringAsync($"/resources/{rich}/dcat-ap?format=ttl");
        var broken = string.Join('\n', export.Split('\n').Where(line => !line.Contains("dct:description", StringComparison.Ordinal)));

        var report = await ShaclValidator.ValidateAsync(broken, "ttl");

        Assert.False(report.Conforms);
        Assert.Contains("http://purl.org/dc/terms/description", report.Report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalogue_export_pages_with_hydra_links()
    {
        var first = JsonDocument.Parse(await Host.Client.GetStringAsync("/export/dcat-ap?pageSize=1")).RootElement;

        var view = first.GetProperty("@graph").EnumerateArray().Single(node => node.TryGetProperty("@type", out var type) && type[0].GetString() == "hydra:PartialCollectionView");
        Assert.Contains("page=2", view.GetProperty("hydra:next")[0].GetProperty("@id").GetString(), StringComparison.Ordinal);
    }
}
