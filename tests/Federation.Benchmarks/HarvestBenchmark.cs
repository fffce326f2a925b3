using System.Diagnostics;
using System.Globalization;
using Federation.Contracts.Harvest;
using Federation.Contracts.Hub;
using Federation.Rdf;
using Federation.Testing;

namespace Federation.Benchmarks;

/// <summary>
/// A hub harvesting a generated catalogue of many datasets on many pages (RDF/XML and Turtle by turns, as CKAN serves
/// them, Hydra paging): the first run, which creates and publishes every dataset, and a second over the unchanged
/// source, against the raw cost of only downloading and parsing the same pages in the same session.
/// </summary>
internal static class HarvestBenchmark
{
    public static async Task RunAsync(int datasets, int perPage)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine("Starting one hub and the catalogue …");
        await using var federation = await LocalFederation.CreateAsync("benchharvest", hubs: ["brainport"],
            hubSettings: new Dictionary<string, string> { ["RateLimits__Enabled"] = "false" });
        var hub = federation.Hubs["brainport"];
        await using var source = SourceCatalogue.Start();
        var pages = Serve(source, datasets, perPage);
        Console.WriteLine($"Serving {datasets:N0} datasets on {pages.Count} pages of {perPage} …");

        // The raw baseline: the same pages downloaded and parsed into RDF graphs, nothing else (best of three).
        var baseline = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            baseline.Add(await DownloadAndParseAsync(pages));
        }

        var staff = hub.StaffClient();
        var organisation = (await staff.AddOrganisationAsync(new OrganisationInput("bench-gemeente", "Gemeente Benchmark", "government"), CancellationToken.None)).Value?.Id
            ?? "bench-gemeente";
        var registered = await staff.RegisterHarvestSourceAsync(new HarvestSourceInput(
            "Benchmark source", pages[0].Url, "manual", "open", "CC-BY-4.0", organisation, 20), CancellationToken.None).EnsureSuccessAsync();

        await using var memory = new MemorySampler(hub);
        var first = await RunOnceAsync(staff, registered.Id);
        var second = await RunOnceAsync(staff, registered.Id);

        Console.WriteLine();
        Console.WriteLine($"| measure ({datasets:N0} datasets, {pages.Count} pages) | seconds | datasets/s |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| download and parse only (best of 3; {string.Join(", ", baseline.Select(b => b.ToString("0.00", invariant)))}) | {baseline.Min().ToString("0.00", invariant)} | {(datasets / baseline.Min()).ToString("N0", invariant)} |");
        Report("first run (creates and publishes every dataset)", first, datasets);
        Report("second run (source unchanged)", second, datasets);
        Console.WriteLine();
        Console.WriteLine($"First run: {first.Run.Created:N0} created, {first.Run.Refused} refused; second: {second.Run.Unchanged:N0} unchanged, {second.Run.Updated} updated, {second.Run.Withdrawn} withdrawn.");
        Console.WriteLine($"Hub RSS peak during the runs: {string.Join(", ", memory.PeaksSoFar().Select(p => $"{p.Key} {p.Value:0} MiB"))}.");
    }

    private static void Report(string what, (HarvestRun Run, double Wall) result, int datasets)
    {
        var seconds = (result.Run.DurationMs ?? 0) / 1000.0;
        Console.WriteLine($"| {what} (wall {result.Wall.ToString("0.00", CultureInfo.InvariantCulture)} s from the request) | {seconds.ToString("0.00", CultureInfo.InvariantCulture)} | {(datasets / seconds).ToString("N0", CultureInfo.InvariantCulture)} |");
    }

    private static async Task<(HarvestRun Run, double Wall)> RunOnceAsync(Federation.Clients.Hubs.HubClient staff, Guid sourceId)
    {
        var clock = Stopwatch.StartNew();
        var queued = await staff.StartHarvestAsync(sourceId, dryRun: false, CancellationToken.None).EnsureSuccessAsync();
        var run = queued;
        while (run.FinishedAt is null)
        {
            await Task.Delay(200);
            run = await staff.HarvestRunAsync(queued.Id, CancellationToken.None).EnsureSuccessAsync();
        }

        if (run.State != "succeeded")
        {
            throw new InvalidOperationException($"The run {run.State}: {run.Error}");
        }

        return (run, clock.Elapsed.TotalSeconds);
    }

    private static List<(string Url, RdfSyntax Syntax)> Serve(SourceCatalogue source, int datasets, int perPage)
    {
        var all = Enumerable.Range(0, datasets).Select(i => new SourceDataset(
            $"bench-{i:D6}", $"Dataset {i:D6} van de gemeente", $"Metingen en tellingen, reeks {i}, elke maand bijgewerkt.",
            Theme: (i % 3) switch { 0 => "TRAN", 1 => "ENVI", _ => "GOVE" })).ToList();
        var count = (datasets + perPage - 1) / perPage;
        var pages = Enumerable.Range(1, count).Select(n => (Url: source.Url(n % 2 == 1 ? $"catalog.xml?page={n}" : $"catalog.ttl?page={n}"), Syntax: n % 2 == 1 ? RdfSyntax.RdfXml : RdfSyntax.Turtle)).ToList();
        for (var n = 0; n < count; n++)
        {
            var slice = all.Skip(n * perPage).Take(perPage).ToList();
            var next = n + 1 < count ? pages[n + 1].Url : null;
            var path = new Uri(pages[n].Url).PathAndQuery;
            if (pages[n].Syntax == RdfSyntax.RdfXml)
            {
                source.Serve(path, PortalPages.RdfXml(pages[n].Url, slice, next, datasets), "application/rdf+xml");
            }
            else
            {
                source.Serve(path, PortalPages.Turtle(pages[n].Url, slice, next, datasets), "text/turtle");
            }
        }

        return pages;
    }

    private static async Task<double> DownloadAndParseAsync(List<(string Url, RdfSyntax Syntax)> pages)
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        var triples = 0;
        foreach (var (url, syntax) in pages)
        {
            var text = await http.GetStringAsync(url);
            triples += syntax.Read(text, url).Count;
        }

        if (triples == 0)
        {
            throw new InvalidOperationException("The pages parsed to nothing.");
        }

        return clock.Elapsed.TotalSeconds;
    }
}
