using System.Globalization;
using Federation.Benchmarks;
using Federation.Testing;

// Measures the federation on this machine and prints the figures as Markdown for docs/benchmarks.md.
// Usage: dotnet run -c Release --project tests/Federation.Benchmarks -- [publishes=1000] [events=50000]
//        dotnet run -c Release --project tests/Federation.Benchmarks -- search [resources=1000000] [requests per query=400]
//        dotnet run -c Release --project tests/Federation.Benchmarks -- identity [tokens=2000] [seconds per window=10] [download MiB=1024]
//        dotnet run -c Release --project tests/Federation.Benchmarks -- portal [rounds per page=300]
//        dotnet run -c Release --project tests/Federation.Benchmarks -- soak [minutes=10] [process …] (managed heap snapshots of those processes need dotnet-gcdump)
//        dotnet run -c Release --project tests/Federation.Benchmarks -- telemetry [publishes=2000] (tracing and metrics on vs off)
//        dotnet run -c Release --project tests/Federation.Benchmarks -- signing [publishes=500] [events=30000] (message signature checks on vs off)
//        dotnet run -c Release --project tests/Federation.Benchmarks -- faults [runs=3] [fault …] (kills the local broker and database!)
//        dotnet run -c Release --project tests/Federation.Benchmarks -- harvest [datasets=10000] [per page=100]
//        dotnet run -c Release --project tests/Federation.Benchmarks -- compute [allocations=10000] [jobs=2000000] [jobs per request=50000] [page requests=400]
if (args.Length > 0 && args[0] == "soak")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    await SoakRun.RunAsync(TimeSpan.FromMinutes(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10), args.Skip(2).ToList());
    return;
}

if (args.Length > 0 && args[0] == "telemetry")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    await TelemetryOverhead.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
    return;
}

if (args.Length > 0 && args[0] == "signing")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    await SigningOverhead.RunAsync(
        publishes: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500,
        events: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30_000);
    return;
}

if (args.Length > 0 && args[0] == "faults")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    var chosen = args.Skip(2).Select(Enum.Parse<Federation.Testing.Faults.FaultKind>).ToList();
    Environment.ExitCode = await FaultSuite.RunAsync(
        runs: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3,
        faults: chosen.Count > 0 ? chosen : Enum.GetValues<Federation.Testing.Faults.FaultKind>());
    return;
}

if (args.Length > 0 && args[0] == "search")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    await SearchScaleBenchmark.RunAsync(
        resources: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
        rounds: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400);
    return;
}

if (args.Length > 0 && args[0] == "portal")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    await PortalBenchmark.RunAsync(rounds: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300);
    return;
}

if (args.Length > 0 && args[0] == "compute")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    await ComputeBenchmark.RunAsync(
        allocations: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        lines: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2_000_000,
        linesPerPart: args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50_000,
        pageRequests: args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 400);
    return;
}

if (args.Length > 0 && args[0] == "harvest")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    await HarvestBenchmark.RunAsync(
        datasets: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        perPage: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100);
    return;
}

if (args.Length > 0 && args[0] == "people")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    await PeopleBenchmark.RunAsync(
        signIns: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
        callWindow: TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10));
    return;
}

if (args.Length > 0 && args[0] == "identity")
{
    Console.WriteLine($"Machine: {MachineInfo.Describe()}");
    Console.WriteLine("Starting seven hubs and the catalogue …");
    await using var identityFederation = await LocalFederation.CreateAsync("benchid",
        hubSettings: new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["RateLimits__Enabled"] = "false" });
    await IdentityBenchmark.RunAsync(
        identityFederation,
        tokens: args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000,
        callWindow: TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10),
        downloadBytes: (args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 1024) * 1024 * 1024);
    return;
}

var publishes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var events = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
var invariant = CultureInfo.InvariantCulture;

Console.WriteLine($"Machine: {MachineInfo.Describe()}");
Console.WriteLine("Starting seven hubs and the catalogue …");
// The catalogue runs with the server GC, as ASP.NET Core services do by default; the local run script uses the
// workstation GC to keep eight processes small on a laptop.
// The benchmarks measure the services at full speed from one address, which the rate limits would rightly stop.
// Rounds of the term leader keeper every few seconds: the words of the ingested resources become frequent early in the
// run, so that most writes keep leaders, as they do in a catalogue that has been running for a while.
await using var federation = await LocalFederation.CreateAsync("bench", catalogueSettings: new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "1", ["RateLimits__Enabled"] = "false", ["Search__LeaderInterval"] = "00:00:05",
    },
    hubSettings: new Dictionary<string, string> { ["RateLimits__Enabled"] = "false" });
var hub = federation.Hubs["brainport"];
await Task.Delay(TimeSpan.FromSeconds(10));
var idleHub = hub.ResidentMemoryMiB();
var idleCatalogue = federation.Catalogue.ResidentMemoryMiB();

Console.WriteLine($"Publish → searchable latency over {publishes} publishes …");
var latency = new Distribution([]);
Dictionary<string, double> latencyPeaks;
await using (var memory = new MemorySampler(hub, federation.Catalogue))
{
    if (publishes > 0)
    {
        latency = await LatencyBenchmark.RunAsync(federation, publishes);
    }

    latencyPeaks = memory.PeaksSoFar();
}

Console.WriteLine($"  {latency}");

if (events == 0)
{
    Console.WriteLine(string.Create(invariant, $"RSS hub {idleHub:F0} → {latencyPeaks.GetValueOrDefault(hub.Name):F0} MiB, catalogue {idleCatalogue:F0} → {latencyPeaks.GetValueOrDefault("catalogue"):F0} MiB"));
    return;
}

Console.WriteLine($"Catalogue ingest of {events} events …");
using var syntheticHubs = await SyntheticHubs.AdmitAsync(federation, 7);
var ingest = await IngestBenchmark.RunAsync(federation, events, syntheticHubs);
Console.WriteLine("Baselines …");
var rabbit = await RabbitMqBaseline.RunAsync(federation.VirtualHost, events);
var npgsql = await NpgsqlBaseline.RunAsync(federation.CatalogueDatabase, events);

Console.WriteLine();
Console.WriteLine("| measure | result | target |");
Console.WriteLine("| --- | --- | --- |");
Console.WriteLine(string.Create(invariant, $"| publish → searchable latency (ms), {latency.Count} publishes over 7 hubs | p50 {latency.Percentile(50):F1} · p95 {latency.Percentile(95):F1} · p99 {latency.Percentile(99):F1} · max {latency.Max:F1} | p99 ≤ 250 |"));
Console.WriteLine(string.Create(invariant, $"| catalogue ingest, {ingest.Events} events from the queue into Marten + search index | {ingest.IngestPerSecond:F0} events/s ({ingest.IngestTime.TotalSeconds:F1} s; {ingest.Searchable} searchable at the end) | ≥ 2,500/s |"));
Console.WriteLine(string.Create(invariant, $"| publishing those events through MassTransit with confirms | {ingest.PublishPerSecond:F0} events/s | |"));
Console.WriteLine(string.Create(invariant, $"| baseline: plain RabbitMQ.Client publish (confirms) + consume (acks), same bodies | {rabbit:F0} msg/s | ingest = {ingest.IngestPerSecond / rabbit:P0} of it |"));
Console.WriteLine(string.Create(invariant, $"| baseline: plain Npgsql batched insert, same documents, GIN-indexed | {npgsql:F0} docs/s | ingest = {ingest.IngestPerSecond / npgsql:P0} of it |"));
Console.WriteLine(string.Create(invariant, $"| RSS hub (brainport): idle → under latency load | {idleHub:F0} MiB → {latencyPeaks.GetValueOrDefault(hub.Name):F0} MiB | |"));
Console.WriteLine(string.Create(invariant, $"| RSS catalogue: idle → latency load → ingest peak | {idleCatalogue:F0} → {latencyPeaks.GetValueOrDefault("catalogue"):F0} → {ingest.CatalogueRssPeakMiB:F0} MiB | |"));
