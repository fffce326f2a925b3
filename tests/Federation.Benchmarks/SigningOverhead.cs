using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Federation.Trust;
using Federation.Testing;

namespace Federation.Benchmarks;

/// <summary>
/// What proving every sender costs, side by side in one run on one federation (seven hubs, the catalogue, the
/// authority): the hubs always sign; the catalogue first checks every signature, then runs again with checking turned
/// off (Development only) on the same database and queue, then on again. Measured each time: publish → searchable latency through
/// the real hubs, and catalogue ingest of signed events from the queue; beside them the bare ES256 sign and verify
/// rate of one core, and the raw RabbitMQ.Client and Npgsql baselines of the same machine.
/// </summary>
internal static class SigningOverhead
{
    public static async Task RunAsync(int publishes, int events)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine("Starting seven hubs, the catalogue and the authority …");
        await using var federation = await LocalFederation.CreateAsync("benchsign",
            catalogueSettings: new Dictionary<string, string> { ["DOTNET_gcServer"] = "1", ["RateLimits__Enabled"] = "false" },
            hubSettings: new Dictionary<string, string> { ["RateLimits__Enabled"] = "false" });
        using var synthetic = await SyntheticHubs.AdmitAsync(federation, 7);
        var (signs, verifies) = BareSignatures(20_000);

        var rows = new List<string>();
        // On, off, on again: the third round shows how much of a difference is this shared machine's noise.
        var current = true;
        foreach (var verified in new[] { true, false, true })
        {
            if (verified != current)
            {
                await federation.RedeployCatalogueAsync(new Dictionary<string, string> { ["Federation__Messages__Verify"] = verified ? "true" : "false" });
                current = verified;
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
            var label = verified ? "on" : "off";
            Console.WriteLine($"Verification {label}: publish → searchable over {publishes} publishes …");
            var latency = await LatencyBenchmark.RunAsync(federation, publishes);
            Console.WriteLine($"Verification {label}: ingest of {events} events …");
            var ingest = await IngestBenchmark.RunAsync(federation, events, synthetic);
            rows.Add(string.Create(invariant,
                $"| {label} | p50 {latency.Percentile(50):F1} · p95 {latency.Percentile(95):F1} · p99 {latency.Percentile(99):F1} | {ingest.IngestPerSecond:F0} events/s ({ingest.Searchable} searchable) | {ingest.PublishPerSecond:F0} events/s |"));
        }

        Console.WriteLine("Baselines …");
        var rabbit = await RabbitMqBaseline.RunAsync(federation.VirtualHost, events);
        var npgsql = await NpgsqlBaseline.RunAsync(federation.CatalogueDatabase, events);

        Console.WriteLine();
        Console.WriteLine("| catalogue verification | publish → searchable (ms) | catalogue ingest | signed publishing (MassTransit, confirms) |");
        Console.WriteLine("| --- | --- | --- | --- |");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"ES256 on one core: {signs:F0} signatures/s, {verifies:F0} verifications/s (canonical JSON of a resource event included)."));
        Console.WriteLine(string.Create(invariant, $"Baselines: plain RabbitMQ.Client publish + consume {rabbit:F0} msg/s; plain Npgsql batched insert {npgsql:F0} docs/s."));
    }

    // One thread, a typical resource event: canonical form + ES256, as the hub's filter and the catalogue's check do.
    private static (double Signs, double Verifies) BareSignatures(int count)
    {
        using var key = FederationKey.Generate();
        var message = JsonSerializer.SerializeToElement(SyntheticResources.Event(1, 1, [Guid.NewGuid(), Guid.NewGuid()]));
        var signature = "";
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            signature = MessageSignatures.Sign(CanonicalJson.Of(message), "ResourcePublished", "bench-1", key, DateTimeOffset.UtcNow);
        }

        var signs = count / clock.Elapsed.TotalSeconds;
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            if (!MessageSignatures.Verify(signature, CanonicalJson.Of(message), "ResourcePublished", "bench-1", [key.PublicKey]).IsSigned)
            {
                throw new InvalidOperationException("A genuine signature did not verify.");
            }
        }

        return (signs, count / clock.Elapsed.TotalSeconds);
    }
}
