using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// Staff mirror a catalogue from the command line: register it, try a dry run, run it for real with a progress bar
/// and its report, list the runs, and read a report again.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class HarvestCommandSpecs(HubFixture fixture) : IAsyncDisposable
{
    private readonly SourceCatalogue portal = SourceCatalogue.Start();

    [Fact]
    public async Task Staff_register_a_source_try_it_dry_run_it_and_read_its_report()
    {
        List<SourceDataset> datasets = [new("cli-a", "Luchtmeetnet Eindhoven"), new("cli-b", "Geluidskaart Eindhoven"), new("cli-c", "")];
        portal.Serve("catalog.xml", PortalPages.RdfXml(portal.Url("catalog.xml"), datasets[..2], portal.Url("catalog.ttl?page=2"), 3), "application/rdf+xml");
        portal.Serve("catalog.ttl?page=2", PortalPages.Turtle(portal.Url("catalog.ttl?page=2"), datasets[2..], null, 3), "text/turtle");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var organisation = $"gemeente-eindhoven-{suffix}";
        Assert.Equal(0, (await CliRun.Of(fixture, "organisations", "add", $"Gemeente Eindhoven {suffix}", "--type", "government")).ExitCode);

        var refused = await CliRun.Of(fixture, "harvest", "add", "Open data Eindhoven", "ftp://nope", "--access-policy", "open", "--organisation", organisation);
        var added = await CliRun.Of(fixture, "harvest", "add", "Open data Eindhoven", portal.Url("catalog.xml"), "--schedule", "manual",
            "--access-policy", "open", "--licence", "CC-BY-4.0", "--organisation", organisation);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("url", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, added.ExitCode);
        var source = added.Output.Split(' ')[1];
        Assert.Contains(source, (await CliRun.Of(fixture, "harvest", "sources")).Output, StringComparison.Ordinal);

        var dry = await CliRun.Of(fixture, "harvest", "run", source, "--dry-run");
        var real = await CliRun.Of(fixture, "harvest", "run", source);
        var runs = await CliRun.Of(fixture, "harvest", "runs", source);

        Assert.True(dry.ExitCode == 0 && dry.Output.Contains("succeeded (dry run)", StringComparison.Ordinal), $"exit {dry.ExitCode}: {dry.Output}");
        Assert.Contains("2 would be created", dry.Output, StringComparison.Ordinal);
        Assert.Equal(0, real.ExitCode);
        Assert.Contains("2 created, 0 updated, 0 unchanged, 0 withdrawn, 0 kept as edited here, 1 refused", real.Output, StringComparison.Ordinal);
        Assert.Contains("refused cli-c", real.Output, StringComparison.Ordinal);
        Assert.Contains("page 2 read: 3 of 3 datasets", real.Output, StringComparison.Ordinal);
        Assert.Equal(2, runs.Output.Split('\n').Count(line => line.Contains("succeeded", StringComparison.Ordinal)));
        var runId = real.Output.Split('\n').First(line => line.StartsWith("Run ", StringComparison.Ordinal)).Split(' ')[1];
        var report = await CliRun.Of(fixture, "harvest", "report", runId);
        Assert.Contains("refused cli-c", report.Output, StringComparison.Ordinal);
        var listed = await CliRun.Of(fixture, "resources", "list");
        Assert.Contains("Luchtmeetnet Eindhoven", listed.Output, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => portal.DisposeAsync();
}
