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
            {"identifier":"herhaald-{{{run}}}","kind":"dataset","title":"Herhaald {{{run}}}","summary":"Eerste versie","keywords":["a","b"],"licence":"CC-BY-4.0","accessPolicy":"open","publisher":"TU Delft","dataset":{"temporalStart":"2021-01-01","spatialCoverage":"Delft","containsPersonalData":false},"sovereignty":{"storageCountry":"NL"}}
            {"identifier":"herhaald-model-{{{run}}}","kind":"model","title":"Herhaald model {{{run}}}","licence":"Apache-2.0","accessPolicy":"federation","publisher":"TU Delft"}
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

    [Fact]
    public async Task A_CSV_as_Dutch_Excel_writes_it_is_read_without_a_flag_and_rows_are_found_again_by_their_identifier_not_their_title()
    {
        // Semicolons between fields, a byte order mark, a quoted field holding the separator, accented letters.
        var csv = $"identifier;kind;title;summary;keywords;licence;accessPolicy;publisher\r\n"
            + $"excel-{run}-1;dataset;Geluidsmetingen {run};Metingen van \"geluid\" bij café's;\"geluid;overlast\";CC-BY-4.0;open;Gemeente Tilburg\r\n"
            + $"excel-{run}-2;dataset;Parkeerdruk {run};Bezetting per straat;parkeren;CC0-1.0;open;Gemeente Tilburg\r\n";
        var file = Path.Combine(folder, "excel.csv");
        await File.WriteAllTextAsync(file, csv, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var first = await CliRun.Of(fixture, "import", file);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 created, 0 changed, 0 unchanged, 0 refused", first.Output, StringComparison.Ordinal);
        var geluid = (await ListAsync("published")).Single(r => r.Identifier == $"excel-{run}-1");
        Assert.Equal(($"Geluidsmetingen {run}", "Metingen van \"geluid\" bij café's"), (geluid.Title, geluid.Summary));
        Assert.Equal(["geluid", "overlast"], geluid.Keywords);

        // Renamed at the source: the identifier finds the resource, which is updated rather than made again.
        await File.WriteAllTextAsync(file, csv.Replace($"Geluidsmetingen {run}", $"Geluid in de binnenstad {run}", StringComparison.Ordinal),
            new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var renamed = await CliRun.Of(fixture, "import", file);

        Assert.Contains("0 created, 1 changed, 1 unchanged, 0 refused", renamed.Output, StringComparison.Ordinal);
        var after = await ListAsync(null);
        Assert.Equal($"Geluid in de binnenstad {run}", after.Single(r => r.Id == geluid.Id).Title);
        Assert.Single(after, r => r.Identifier == $"excel-{run}-1");

        // Without an identifier a row is never matched by its title: one whose title the hub holds is refused, not duplicated.
        var untitled = Write("zonder.csv", $"kind;title;licence;accessPolicy;publisher\ndataset;Parkeerdruk {run};CC0-1.0;open;Gemeente Tilburg\n");
        var refused = await CliRun.Of(fixture, "import", untitled);
        Assert.Contains("0 created, 0 changed, 0 unchanged, 1 refused", refused.Output, StringComparison.Ordinal);
        Assert.Contains("identifier", refused.Output, StringComparison.Ordinal);
        Assert.Single(await ListAsync(null), r => r.Title == $"Parkeerdruk {run}");
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
