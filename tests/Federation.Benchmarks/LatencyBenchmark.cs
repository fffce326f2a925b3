using Federation.Contracts.Hub;
using System.Diagnostics;
using Federation.Testing;

namespace Federation.Benchmarks;

/// <summary>
/// Publish → searchable: from the hub API's success response to the first catalogue search that returns the new
/// version. One worker per hub publishes one resource after another; the figures are over all of them.
/// </summary>
internal static class LatencyBenchmark
{
    /// <summary>Pause between two searches of one worker; it bounds the resolution of each measurement.</summary>
    public static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(5);

    public static async Task<Distribution> RunAsync(LocalFederation federation, int publishes)
    {
        var perHub = (int)Math.Ceiling(publishes / (double)federation.Hubs.Count);
        var workers = federation.Hubs.Select(hub => Task.Run(() => WorkerAsync(hub.Value, federation.Catalogue, perHub)));
        var results = await Task.WhenAll(workers);
        return new Distribution(results.SelectMany(r => r));
    }

    private static async Task<List<double>> WorkerAsync(ServiceProcess hub, ServiceProcess catalogue, int count)
    {
        var staff = hub.StaffClient();
        var search = catalogue.CatalogueClient();
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var word = "lat" + new string(Guid.NewGuid().ToByteArray().Take(10).Select(b => (char)('a' + (b % 26))).ToArray());
            var draft = await staff.CreateResourceAsync(new ResourceInput
            {
                Kind = "dataset", Title = $"Latency probe {word}", Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "Benchmark",
                Summary = "A resource published to measure how soon the catalogue finds it.", Keywords = ["benchmark"],
            }, CancellationToken.None).EnsureSuccessAsync();
            var published = await staff.PublishAsync(draft.Id, version: null, CancellationToken.None).EnsureSuccessAsync();
            var stopwatch = Stopwatch.StartNew();
            var version = published.Version;
            while (true)
            {
                var result = await search.SearchAsync($"q={word}&pageSize=1", CancellationToken.None).EnsureSuccessAsync();
                if (result.Items.Any(item => item.Version == version))
                {
                    break;
                }

                if (stopwatch.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"{word} not searchable after 30 s");
                }

                // Seven pollers without a pause would take most of the two cores from what they measure.
                await Task.Delay(PollPause);
            }

            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return latencies;
    }
}
