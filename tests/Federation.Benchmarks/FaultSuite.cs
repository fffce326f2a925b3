using System.Globalization;
using Federation.Testing;
using Federation.Testing.Faults;

namespace Federation.Benchmarks;

/// <summary>
/// The reliability figures of docs/reliability.md: every fault, several runs each, against seven hubs and the
/// catalogue under steady publishing, each run reconciled against its ledger. Prints a Markdown row per run and a
/// summary per fault. Kills and restarts this machine's local RabbitMQ and PostgreSQL: run it on a machine of its own.
/// </summary>
internal static class FaultSuite
{
    public static async Task<int> RunAsync(int runs, IReadOnlyCollection<FaultKind> faults)
    {
        Console.WriteLine("Starting seven hubs and the catalogue …");
        await using var federation = await LocalFederation.CreateAsync("faults",
            catalogueSettings: new Dictionary<string, string>
            {
                ["Sync__GapGrace"] = "00:00:01",
                ["Sync__CheckInterval"] = "00:00:00.200",
                ["Sync__ResyncTimeout"] = "00:00:05",
                ["Sync__HubSilentAfter"] = "00:00:03",
            },
            hubSettings: new Dictionary<string, string>
            {
                ["Hub__HeartbeatInterval"] = "00:00:00.500",
                ["Hub__FaultInjection"] = "true",
                ["RateLimits__Enabled"] = "false",
            });
        var runner = new FaultRunner(new FaultTarget(federation.Catalogue, federation.Hubs, federation.VirtualHost), FaultTimings.Measured,
            line => Console.WriteLine($"  {line}"));
        var results = new List<FaultRunResult>();
        foreach (var fault in faults)
        {
            for (var run = 1; run <= runs; run++)
            {
                results.Add(await runner.RunAsync(fault, run));
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| Fault | Run | Resources | Acknowledged changes | Lost | Duplicates | Regressions | Fault lasted s | Converged after s | Full throughput after s | Changes/s before | Client retries | Notes |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(invariant,
                $"| {r.Fault} | {r.Run} | {r.Resources} | {r.Acknowledged} | {r.Lost} | {r.Duplicates} | {r.Regressions} | {r.FaultSeconds:0.0} | {Seconds(r.ConvergedAfterSeconds)} | {Seconds(r.FullThroughputAfterSeconds)} | {r.RateBefore:0} | {r.Retries} | {r.Notes}{(r.Errors.Count > 0 ? $"; {r.Errors.Count} refusals, listed below" : "")} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| Fault | Runs | Acknowledged changes | Lost | Duplicates | Regressions | Refusals | Converged after s (worst) | Full throughput after s (worst) | Holds |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in results.GroupBy(r => r.Fault))
        {
            Console.WriteLine(string.Create(invariant,
                $"| {group.Key} | {group.Count()} | {group.Sum(r => r.Acknowledged)} | {group.Sum(r => r.Lost)} | {group.Sum(r => r.Duplicates)} | {group.Sum(r => r.Regressions)} | {group.Sum(r => r.Errors.Count)} | {Seconds(Worst(group.Select(r => r.ConvergedAfterSeconds)))} | {Seconds(Worst(group.Select(r => r.FullThroughputAfterSeconds)))} | {(group.All(r => r.Holds) ? "yes" : "NO")} |"));
        }

        foreach (var r in results.Where(r => r.Errors.Count > 0))
        {
            Console.WriteLine();
            Console.WriteLine($"Refusals in {r.Fault} run {r.Run} (answers neither acknowledged nor retryable), each whole:");
            foreach (var refusal in r.Errors)
            {
                Console.WriteLine($"- {refusal}");
            }
        }

        return results.All(r => r.Holds) ? 0 : 1;

        static double? Worst(IEnumerable<double?> values) => values.Any(v => v is null) ? null : values.Max();

        static string Seconds(double? value) => value is { } seconds ? seconds.ToString("0.0", CultureInfo.InvariantCulture) : "not reached";
    }
}
