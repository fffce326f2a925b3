namespace Federation.Cli.Tests;

/// <summary>Documents imported through the hub's own readers: bad cards named with the hub's reasons, a dry run and a second run change nothing, and a renamed document updates its resource, found by its key.</summary>
[Collection(HubCollection.Name)]
public sealed class DocumentImportSpecs(HubFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("federation-cards-").FullName;

    [Fact]
    public async Task A_folder_of_model_cards_becomes_published_models_once_and_a_bad_card_is_named()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(Path.Combine(folder, "wafer.md"), Card("image-classification", $"Wafer defect classifier {run}"));
        await File.WriteAllTextAsync(Path.Combine(folder, "forecast.md"), Card("time-series-forecasting", $"Grid load forecaster {run}"));
        await File.WriteAllTextAsync(Path.Combine(folder, "odd.md"), Card("mind-reading", $"Odd model {run}"));
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a card");

        var dry = await CliRun.Of(fixture, "import", folder, "--dry-run", "--publisher", "TU Eindhoven", "--access-policy", "federation");
        Assert.Contains("Dry run: nothing was changed", dry.Output, StringComparison.Ordinal);
        Assert.Contains("2 created, 0 changed, 0 unchanged, 1 refused", dry.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(run, (await CliRun.Of(fixture, "resources", "list")).Output, StringComparison.Ordinal);

        var first = await CliRun.Of(fixture, "import", folder, "--publisher", "TU Eindhoven", "--access-policy", "federation");
        Assert.Equal(2, first.ExitCode);
        Assert.Contains("2 created, 0 changed, 0 unchanged, 1 refused", first.Output, StringComparison.Ordinal);
        Assert.Contains("odd.md", first.Output, StringComparison.Ordinal);
        Assert.Contains("model.task", first.Output, StringComparison.Ordinal);
        var published = (await CliRun.Of(fixture, "resources", "list", "--state", "published")).Output;
        Assert.Contains($"Wafer defect classifier {run}", published, StringComparison.Ordinal);
        Assert.Contains($"Grid load forecaster {run}", published, StringComparison.Ordinal);

        var again = await CliRun.Of(fixture, "import", folder, "--publisher", "TU Eindhoven", "--access-policy", "federation");
        Assert.True(again.Output.Contains("0 created, 0 changed, 2 unchanged, 1 refused", StringComparison.Ordinal), again.Output);

        // A card renamed in its file is the same model: found again by the file, never by its title.
        await File.WriteAllTextAsync(Path.Combine(folder, "wafer.md"), Card("image-classification", $"Wafer inspection model {run}"));
        var renamed = await CliRun.Of(fixture, "import", folder, "--publisher", "TU Eindhoven", "--access-policy", "federation");
        Assert.Contains("0 created, 1 changed, 1 unchanged, 1 refused", renamed.Output, StringComparison.Ordinal);
        var listed = (await CliRun.Of(fixture, "resources", "list")).Output;
        Assert.Contains($"Wafer inspection model {run}", listed, StringComparison.Ordinal);
        Assert.DoesNotContain($"Wafer defect classifier {run}", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DCAT_AP_file_is_found_again_by_its_dct_identifier_whatever_its_title_or_file_name()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(Path.Combine(folder, "lucht.ttl"), Dataset($"lucht-{run}", $"Luchtkwaliteit {run}"));
        Assert.Contains("1 created, 0 changed, 0 unchanged, 0 refused", (await CliRun.Of(fixture, "import", folder, "--access-policy", "open")).Output, StringComparison.Ordinal);

        File.Delete(Path.Combine(folder, "lucht.ttl"));
        await File.WriteAllTextAsync(Path.Combine(folder, "lucht-2025.ttl"), Dataset($"lucht-{run}", $"Luchtkwaliteit Eindhoven {run}"));
        var renamed = await CliRun.Of(fixture, "import", folder, "--access-policy", "open");

        Assert.Contains("0 created, 1 changed, 0 unchanged, 0 refused", renamed.Output, StringComparison.Ordinal);
        Assert.Single((await CliRun.Of(fixture, "resources", "list")).Output.Split('\n'), line => line.Contains(run, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Dataset(string identifier, string title) => $"""
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        <https://data.example.org/dataset/{identifier}> a dcat:Dataset ;
            dct:identifier "{identifier}" ;
            dct:title "{title}"@nl ;
            dct:description "Metingen van fijnstof per uur."@nl ;
            dct:publisher [ a <http://xmlns.com/foaf/0.1/Agent> ; <http://xmlns.com/foaf/0.1/name> "GGD Brabant-Zuidoost" ] ;
            dct:license <https://creativecommons.org/licenses/by/4.0/> .
        """;

    private static string Card(string pipelineTag, string title) => $"""
        ---
        license: apache-2.0
        language:
        - en
        pipeline_tag: {pipelineTag}
        eu_ai_act:
          risk_class: minimal
        ---

        # {title}

        A model for the command line's import test.
        """;
}
