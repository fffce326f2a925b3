using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>Bulk import from files: bad rows reported with their line and the hub's reasons, good rows published; a dry run and a second run change nothing.</summary>
[Collection(HubCollection.Name)]
public sealed class ImportSpecs(HubFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("federation-cli-").FullName;
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_file_with_good_and_bad_rows_publishes_the_good_ones_and_names_each_bad_line_and_why()
    {
        var file = Write("mixed.csv", $"""
            kind,title,summary,keywords,licence,accessPolicy,publisher
            dataset,Lagerslijtage {run},Slijtage van lagers,lagers;slijtage,CC-BY-4.0,open,TU Eindhoven
            model,Slijtagemodel {run},Voorspelt slijtage,lagers,Apache-2.0,federation,TU Eindhoven
            hologram,Vreemd soort {run},,,CC-BY-4.0,open,TU Eindhoven
            dataset,Zonder uitgever {run},,,CC-BY-4.0,open,
            dataset,"Met komma, in titel {run}","Een ""geciteerde"" samenvatting",,CC0-1.0,approval,Fontys
            dataset,Te weinig velden {run}
            """);

        var result = await CliRun.Of(fixture, "import", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("3 created, 0 changed, 0 unchanged, 3 refused", result.Output, StringComparison.Ordinal);
        Assert.Contains("kind", result.Output, StringComparison.Ordinal);
        Assert.Contains("publisher", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 fields where the header has 7", result.Output, StringComparison.Ordinal);
        var published = await TitlesAsync("published");
        Assert.Contains($"Lagerslijtage {run}", published);
        Assert.Contains($"Slijtagemodel {run}", published);
        Assert.Contains($"Met komma, in titel {run}", published);
        Assert.DoesNotContain(await TitlesAsync(null), title => title.Contains($"Vreemd soort {run}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_happen_and_changes_nothing()
    {
        var file = Write("dry.jsonl", $$$"""
            {"kind":"dataset","title":"Proefrit {{{run}}}","licence":"CC-BY-4.0","accessPolicy":"open","publisher":"TNO"}
            {"kind":"dataset","title":"Persoonsgegevens zonder grondslag {{{run}}}","licence":"CC-BY-4.0","accessPolicy":"open","publisher":"TNO","dataset":{"containsPersonalData":false,"legalBasis":"consent"}}
            not json
            """);
        var before = await VersionsAsync();

        var result = await CliRun.Of(fixture, "import", file, "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Dry run: nothing was changed", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 created, 0 changed, 0 unchanged, 2 refused", result.Output, StringComparison.Ordinal);
        Assert.Contains("dataset.legalBasis", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, await VersionsAsync());
    }

    [Fact]
    public async Task Running_the_same_import_again_changes_nothing_and_a_changed_row_updates_its_resource()
    {
        var rows = $$$"""
            {"kind":"dataset","title":"Herhaald {{{run}}}","summary":"Eerste versie","keywords":["a","b"],"licence":"CC-BY-4.0","accessPolicy":"open","publisher":"TU Delft","dataset":{"temporalStart":"2021-01-01","spatialCoverage":"Delft","containsPersonalData":false},"sovereignty":{"storageCountry":"NL"}}
            {"kind":"model","title":"Herhaald model {{{run}}}","licence":"Apache-2.0","accessPolicy":"federation","publisher":"TU Delft"}
            """;
        var file = Write("again.jsonl", rows);
        Assert.Contains("2 created", (await CliRun.Of(fixture, "import", file)).Output, StringComparison.Ordinal);
        var first = await VersionsAsync();

        var again = await CliRun.Of(fixture, "import", file);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 created, 0 changed, 2 unchanged, 0 refused", again.Output, StringComparison.Ordinal);
        Assert.Equal(first, await VersionsAsync());

        Write("again.jsonl", rows.Replace("Eerste versie", "Tweede versie", StringComparison.Ordinal));
        var changed = await CliRun.Of(fixture, "import", file);
        Assert.Contains("0 created, 1 changed, 1 unchanged, 0 refused", changed.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<List<string>> TitlesAsync(string? state) =>
        [.. (await ListAsync(state)).Select(r => r.Title)];

    private async Task<Dictionary<Guid, int>> VersionsAsync() => (await ListAsync(state: null)).ToDictionary(r => r.Id, r => r.Version);

    private async Task<IReadOnlyList<Federation.Contracts.ResourceSnapshot>> ListAsync(string? state) =>
        (await fixture.Hub.StaffClient().ListResourcesAsync(kind: null, state, page: null, pageSize: 200, TestContext.Current.CancellationToken).EnsureSuccessAsync()).Items;
}
