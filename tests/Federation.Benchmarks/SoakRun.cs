using Federation.Contracts.Hub;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Federation.Clients.Catalogue;
using Federation.Clients.Hubs;
using Federation.Testing;
using Federation.Testing.Faults;
using Federation.Testing.Ledger;

namespace Federation.Benchmarks;

/// <summary>
/// The whole federation under a mixed load for a long while: staff publishing and changing at all seven hubs,
/// people searching the catalogue, members of three hubs downloading files of three others with guest tokens. Rate
/// limits stay as configured. Reports throughput and latency per operation, every answer that was not a success or
/// a designed 429, the resident memory of every process after warm-up and at the end, and the catalogue's queue.
/// </summary>
internal static class SoakRun
{
    private static readonly string[] Words = ["water", "energie", "zorg", "mobiliteit", "landbouw", "sensor", "taal", "beeld", "haven", "bodem", "meetreeks", "model"];
    private static readonly (string Home, string Owner, string Person)[] Downloaders =
        [("noord-nederland", "brainport", "researcher"), ("amsterdam", "oost-nederland", "researcher"), ("brightlands", "zuid-holland", "researcher")];

    /// <param name="duration">How long to soak after the two-minute warm-up.</param>
    /// <param name="snapshotted">Processes (e.g. "oost-nederland") whose managed heap is snapshotted after warm-up and at the end.</param>
    public static async Task RunAsync(TimeSpan duration, IReadOnlyCollection<string> snapshotted)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine("Starting seven hubs and the catalogue (rate limits as configured) …");
        await using var federation = await LocalFederation.CreateAsync("soak");
        var processes = federation.Hubs.Values.Append(federation.Catalogue).ToList();
        var publish = new OperationTally("staff write (create, publish, change)");
        var search = new OperationTally("catalogue search");
        var download = new OperationTally("cross-hub download (256 KiB)");
        var ledger = new ChangeLedger();
        var word = "soak" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var load = new SteadyLoad(federation.Hubs, ledger, word, TimeSpan.FromMinutes(2), (method, status, elapsed) => publish.Record(status, elapsed, method.Method));

        Console.WriteLine("Setting up three members with approved access to a file at another hub …");
        var files = new List<GrantedFile>();
        foreach (var (home, owner, person) in Downloaders)
        {
            files.Add(await GrantedFileAsync(federation.Hubs[home], federation.Hubs[owner], owner, person));
        }

        using var stop = new CancellationTokenSource();
        load.Start();
        var searchers = Enumerable.Range(0, 2).Select(i => Task.Run(() => SearchAsync(federation.Catalogue, search, i, stop.Token))).ToList();
        var downloaders = files.Select(file => Task.Run(() => DownloadAsync(file, download, stop.Token))).ToList();

        // Two minutes: long enough for tiered compilation, connection pools and caches to settle.
        Console.WriteLine("Warm-up: two minutes …");
        await Task.Delay(TimeSpan.FromMinutes(2));
        var rssStart = processes.ToDictionary(p => p.Name, p => p.ResidentMemoryMiB() ?? 0);
        var rssByMinute = new List<Dictionary<string, double>> { rssStart };
        var heapReports = await SnapshotAsync(processes, snapshotted, "start");
        var counters = processes.Where(p => IsNamed(p, snapshotted)).Select(p => RuntimeCounters.Start(p, duration + TimeSpan.FromMinutes(2))).OfType<RuntimeCounters>().ToList();
        var baseline = (publish.Ok, search.Ok, download.Ok);
        var queue = new List<long>();
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Soak: {duration.TotalMinutes:0} minutes …");
        while (clock.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            queue.Add(await LocalInfrastructure.QueueDepthAsync(federation.VirtualHost, "catalogue") ?? -1);
            if (queue.Count % 6 == 0)
            {
                rssByMinute.Add(processes.ToDictionary(p => p.Name, p => p.ResidentMemoryMiB() ?? 0));
            }

            Console.WriteLine(string.Create(invariant, $"  {clock.Elapsed:mm\\:ss} writes {publish.Ok} searches {search.Ok} downloads {download.Ok} errors {publish.Errors + search.Errors + download.Errors} 429s {publish.Limited + search.Limited + download.Limited} queue {queue[^1]} catalogue RSS {federation.Catalogue.ResidentMemoryMiB():0} MiB"));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var rssEnd = processes.ToDictionary(p => p.Name, p => p.ResidentMemoryMiB() ?? 0);
        heapReports.AddRange(await SnapshotAsync(processes, snapshotted, "end"));
        // Taking a snapshot forces a full collection: what the process gives back afterwards was only kept, not held.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var rssAfterCollection = processes.Where(p => IsNamed(p, snapshotted)).ToDictionary(p => p.Name, p => p.ResidentMemoryMiB() ?? 0);
        var counts = (publish.Ok, search.Ok, download.Ok);
        await stop.CancelAsync();
        await load.StopAsync();
        await Task.WhenAll(searchers.Concat(downloaders));

        Console.WriteLine();
        Console.WriteLine("| Operation | Successes in the soak | Per second | p50 ms | p99 ms | max ms | Errors | 429 |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (tally, before, after) in new[] { (publish, baseline.Item1, counts.Item1), (search, baseline.Item2, counts.Item2), (download, baseline.Item3, counts.Item3) })
        {
            var latency = tally.Latency;
            Console.WriteLine(string.Create(invariant,
                $"| {tally.Name} | {after - before} | {(after - before) / seconds:0.0} | {latency.Percentile(50):0.0} | {latency.Percentile(99):0.0} | {latency.Max:0.0} | {tally.Errors} | {tally.Limited} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| Process | RSS after warm-up MiB | RSS at the end MiB | Change |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var process in processes)
        {
            var (start, end) = (rssStart[process.Name], rssEnd[process.Name]);
            Console.WriteLine(string.Create(invariant, $"| {process.Name} | {start:0} | {end:0} | {(end - start) / Math.Max(1, start) * 100:+0;-0;0} % |"));
        }

        Console.WriteLine();
        Console.WriteLine($"| Process | RSS MiB at minute 0, 1, … {rssByMinute.Count - 1} of the soak |");
        Console.WriteLine("| --- | --- |");
        foreach (var process in processes)
        {
            Console.WriteLine($"| {process.Name} | {string.Join(" · ", rssByMinute.Select(sample => sample[process.Name].ToString("0", invariant)))} |");
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"Catalogue queue depth, sampled every 10 s: max {queue.Max()}, last {queue[^1]}, first half mean {queue.Take(queue.Count / 2).DefaultIfEmpty().Average():0.0}, second half mean {queue.Skip(queue.Count / 2).DefaultIfEmpty().Average():0.0}"));
        foreach (var report in heapReports)
        {
            Console.WriteLine($"Managed heap snapshot: {report}");
        }

        foreach (var (name, rss) in rssAfterCollection)
        {
            Console.WriteLine(string.Create(invariant, $"{name}: RSS {rss:0} MiB ten seconds after the forced full collection of the last snapshot"));
        }

        if (counters.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| Process | Runtime counter | First | Last | Every minute |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");
            foreach (var counter in counters)
            {
                await counter.ReportAsync();
            }
        }

        foreach (var sample in new[] { publish, search, download }.SelectMany(t => t.Samples.Select(s => $"{t.Name}: {s}")).Concat(load.Errors))
        {
            Console.WriteLine($"  error: {sample}");
        }
    }

    private static async Task<List<string>> SnapshotAsync(List<ServiceProcess> processes, IReadOnlyCollection<string> names, string label)
    {
        var reports = new List<string>();
        foreach (var process in processes.Where(p => IsNamed(p, names)))
        {
            if (await HeapSnapshot.TakeAsync(process, label) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports;
    }

    private static bool IsNamed(ServiceProcess process, IReadOnlyCollection<string> names) =>
        names.Any(name => process.Name.Contains(name, StringComparison.OrdinalIgnoreCase));

    private static async Task SearchAsync(ServiceProcess catalogue, OperationTally tally, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        using var http = new HttpClient { BaseAddress = catalogue.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var client = new CatalogueClient(http);
        while (!cancellationToken.IsCancellationRequested)
        {
            var query = random.Next(4) switch
            {
                0 => $"q={Words[random.Next(Words.Length)]}",
                1 => $"q={Words[random.Next(Words.Length)]}&kind=dataset",
                2 => $"hub={LocalFederation.HubIds[random.Next(7)].Id}&sort=modified",
                _ => $"q={Words[random.Next(Words.Length)]}+{Words[random.Next(Words.Length)]}&pageSize=50",
            };
            await TimedAsync(tally, $"search?{query}", async () => (await client.SearchAsync(query, cancellationToken)).Status);
            await Task.Delay(100, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task DownloadAsync(GrantedFile file, OperationTally tally, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = file.Owner.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var anonymous = new HubClient(http);
        while (!cancellationToken.IsCancellationRequested)
        {
            var guest = anonymous.WithAccessToken(await file.Token());
            await TimedAsync(tally, $"resources/{file.Resource}/artifacts/{file.Artifact}", async () =>
            {
                var answer = await guest.OpenArtifactAsync(file.Resource, file.Artifact, cancellationToken);
                if (answer.Value is { } response)
                {
                    using (response)
                    {
                        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                    }
                }

                return answer.Status;
            });
            // 1.5 downloads a second each: under the download limit of 120 a minute per person.
            await Task.Delay(666, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task TimedAsync(OperationTally tally, string what, Func<Task<HttpStatusCode>> send)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var status = await send();
            tally.Record(status, Stopwatch.GetElapsedTime(started), what);
        }
        catch (OperationCanceledException)
        {
            // The soak ended with this request in flight.
        }
        catch (HttpRequestException exception)
        {
            tally.Record(null, Stopwatch.GetElapsedTime(started), $"{what}: {exception.Message}");
        }
    }

    /// <summary>
    /// A file at <paramref name="owner"/> that a member of <paramref name="home"/> asked for and staff approved; the
    /// token function hands out a guest token, exchanged again (with a new home sign-in) every four minutes.
    /// </summary>
    private static async Task<GrantedFile> GrantedFileAsync(ServiceProcess home, ServiceProcess owner, string ownerId, string person)
    {
        var staff = owner.StaffClient();
        var dataset = await staff.CreateResourceAsync(new ResourceInput
        {
            Kind = "dataset", Title = $"Soak file {Guid.NewGuid():N}", Summary = "Restricted data for the soak.", Licence = "CC-BY-NC-4.0",
            AccessPolicy = "approval", Publisher = "Federation soak",
        }, CancellationToken.None).EnsureSuccessAsync();
        await staff.PublishAsync(dataset.Id, version: null, CancellationToken.None).EnsureSuccessAsync();
        var artifact = await IdentityBenchmark.UploadAsync(owner, dataset.Id, new MemoryStream(RandomNumberGenerator.GetBytes(256 * 1024)), 256 * 1024);

        var session = await GuestSession.StartAsync(home, owner, person);
        var asked = await owner.HubClient(await session.TokenAsync())
            .RequestAccessAsync(dataset.Id, new AccessRequestInput("Soak test of cross-hub downloads over ten minutes.", AcceptTerms: true), CancellationToken.None)
            .EnsureSuccessAsync();
        await staff.ApproveAccessAsync(asked.Id, new ApprovalInput(Grant.Person, DateTimeOffset.UtcNow.AddDays(1), Reason: null), CancellationToken.None)
            .EnsureSuccessAsync();
        return new GrantedFile(owner, dataset.Id, artifact, session.TokenAsync);
    }

    private sealed record GrantedFile(ServiceProcess Owner, Guid Resource, Guid Artifact, Func<Task<string>> Token);

    private sealed class GuestSession(ServiceProcess home, ServiceProcess owner, string person)
    {
        private readonly SemaphoreSlim renewing = new(1, 1);
        private string token = "";
        private DateTime renewAt;

        public static async Task<GuestSession> StartAsync(ServiceProcess home, ServiceProcess owner, string person)
        {
            var session = new GuestSession(home, owner, person);
            await session.TokenAsync();
            return session;
        }

        public async Task<string> TokenAsync()
        {
            await renewing.WaitAsync();
            try
            {
                if (DateTime.UtcNow >= renewAt)
                {
                    var signedIn = await FederatedSignIn.AtHomeAsync(home, person);
                    token = (await FederatedSignIn.GuestTokenAsync(home, owner, signedIn.AccessToken)).AccessToken;
                    renewAt = DateTime.UtcNow.AddMinutes(4);
                }

                return token;
            }
            finally
            {
                renewing.Release();
            }
        }
    }
}
