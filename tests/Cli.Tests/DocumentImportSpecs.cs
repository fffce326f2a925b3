namespace Federation.Cli.Tests;

/// <summary>A folder of model cards imported through the hub's own reader: bad cards named with the hub's reasons, a dry run and a second run change nothing.</summary>
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
        Assert.Contains("0 created, 0 changed, 2 unchanged, 1 refused", again.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

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
