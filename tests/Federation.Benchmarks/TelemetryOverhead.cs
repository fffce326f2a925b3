using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using System.Globalization;
using System.Security.Cryptography;
using Federation.Testing;
using Federation.Testing.Telemetry;

namespace Federation.Benchmarks;

/// <summary>
/// What tracing and metrics cost: one hub and the catalogue, first without telemetry (the baseline), then exporting
/// every span and metric over OTLP to a receiver in this process. Both runs publish the same number of resources
/// (create, then publish: two API calls, two grain calls, two commits, one relay and one catalogue commit each) and
/// search the catalogue, with the same concurrency.
/// </summary>
internal static class TelemetryOverhead
{
    private const int Concurrency = 16;

    public static async Task RunAsync(int publishes)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine($"| Telemetry | Operation | Count | Per second | p50 ms | p99 ms | Spans received |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var exported in new[] { false, true })
        {
            await using var collector = new OtlpReceiver();
            var settings = exported ? new Dictionary<string, string>(collector.Settings) : [];
            await using var federation = await LocalFederation.CreateAsync(exported ? "otelon" : "oteloff",
                catalogueSettings: settings, hubSettings: settings, hubs: ["brainport"]);
            var staff = federation.Hubs["brainport"].StaffClient();
            var catalogue = federation.Catalogue.CatalogueClient();
            var word = "otel" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            await LoadRun.CountAsync(Math.Max(50, publishes / 10), Concurrency, () => PublishAsync(staff, $"warm-up {word}"));
            var (publishRate, publishLatency) = await LoadRun.CountAsync(publishes, Concurrency, () => PublishAsync(staff, $"measured {word}"));
            var (searchRate, searchLatency) = await LoadRun.CountAsync(publishes, Concurrency, () =>
                catalogue.SearchAsync($"q={word}&pageSize=20", CancellationToken.None).EnsureSuccessAsync());
            await Task.Delay(TimeSpan.FromSeconds(3));
            var spans = exported ? collector.Spans.Count.ToString(invariant) : "—";
            var label = exported ? "exported (OTLP)" : "off (baseline)";
            Console.WriteLine(string.Create(invariant,
                $"| {label} | create + publish | {publishes} | {publishRate:0} | {publishLatency.Percentile(50):0.0} | {publishLatency.Percentile(99):0.0} | {spans} |"));
            Console.WriteLine(string.Create(invariant,
                $"| {label} | search | {publishes} | {searchRate:0} | {searchLatency.Percentile(50):0.0} | {searchLatency.Percentile(99):0.0} | |"));
        }
    }

    private static async Task PublishAsync(HubClient staff, string title)
    {
        var draft = await staff.CreateResourceAsync(new ResourceInput
        {
            Kind = "dataset", Title = title, Summary = "Telemetry overhead.", Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "Benchmark",
        }, CancellationToken.None).EnsureSuccessAsync();
        await staff.PublishAsync(draft.Id, version: null, CancellationToken.None).EnsureSuccessAsync();
    }
}
