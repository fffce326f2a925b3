namespace Federation.Cli.Tests;

/// <summary>Updating one resource from a JSON file: applied when the file names the current version, refused when someone changed it meanwhile.</summary>
[Collection(HubCollection.Name)]
public sealed class UpdateSpecs(HubFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("federation-update-").FullName;

    [Fact]
    public async Task An_update_applies_to_the_version_it_names_and_is_refused_on_a_stale_one()
    {
        var title = $"Bijgewerkt {Guid.NewGuid():N}";
        await CliRun.ImportOneAsync(fixture, folder, title);
        var cells = await CliRun.ListedAsync(fixture, title);
        var (id, version) = (cells[1], int.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture));

        var file = Path.Combine(folder, "resource.json");
        await File.WriteAllTextAsync(file, $$"""
            {"version": {{version}}, "kind": "dataset", "title": "{{title}}", "summary": "Nu met samenvatting", "licence": "CC-BY-4.0", "accessPolicy": "open", "publisher": "TU Eindhoven"}
            """);
        var updated = await CliRun.Of(fixture, "resources", "update", id, file);
        Assert.Equal(0, updated.ExitCode);
        Assert.Contains($"is now version {version + 1}", updated.Output, StringComparison.Ordinal);

        var stale = await CliRun.Of(fixture, "resources", "update", id, file);
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("Refused", stale.Output, StringComparison.Ordinal);
        var after = await CliRun.ListedAsync(fixture, title);
        Assert.Equal($"{version + 1}", after[4]);
    }

    [Theory]
    [InlineData("\"drie\"")]
    [InlineData("2.5")]
    [InlineData("[2]")]
    public async Task A_version_that_is_not_a_whole_number_is_refused_in_a_sentence_not_a_crash(string version)
    {
        var file = Path.Combine(folder, "resource.json");
        await File.WriteAllTextAsync(file, $$"""
            {"version": {{version}}, "kind": "dataset", "title": "Nooit verstuurd", "licence": "CC-BY-4.0", "accessPolicy": "open", "publisher": "TU Eindhoven"}
            """);

        var run = await CliRun.Of(fixture, "resources", "update", Guid.NewGuid().ToString(), file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"version\" must be a whole number", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
