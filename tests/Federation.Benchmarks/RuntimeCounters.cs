using System.Diagnostics;
using System.Globalization;
using Federation.Testing;

namespace Federation.Benchmarks;

/// <summary>
/// The runtime's own memory figures of one process, once a minute, with dotnet-counters (a global dotnet tool):
/// working set, memory the GC has committed, the heap after the last collection and its fragmentation. Set beside
/// the resident memory, they tell growth of the managed heap from memory the GC keeps committed and from memory
/// outside the GC altogether.
/// </summary>
internal sealed class RuntimeCounters
{
    private static readonly string Tool = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-counters");

    private static readonly string[] Shown =
    [
        "dotnet.process.memory.working_set",
        "dotnet.gc.last_collection.memory.committed_size",
        "dotnet.gc.last_collection.heap.size",
        "dotnet.gc.last_collection.heap.fragmentation.size",
        "dotnet.jit.compiled_il.size",
        "dotnet.thread_pool.thread.count",
    ];

    private readonly Process collector;

    private RuntimeCounters(string name, string path, Process collector) => (Name, Path, this.collector) = (name, path, collector);

    public string Name { get; }

    public string Path { get; }

    public static RuntimeCounters? Start(ServiceProcess process, TimeSpan duration)
    {
        if (!File.Exists(Tool) || process.ProcessId is not { } id)
        {
            return null;
        }

        var folder = System.IO.Path.Combine(LocalInfrastructure.RepositoryRoot, "TestResults", "counters");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"{process.Name}-{DateTime.UtcNow:HHmmss}.csv");
        var start = new ProcessStartInfo(Tool, ["collect", "-p", id.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime",
            "--refresh-interval", "60", "--format", "csv", "-o", path, "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var collector = Process.Start(start)!;
        collector.OutputDataReceived += (_, _) => { };
        collector.BeginOutputReadLine();
        collector.BeginErrorReadLine();
        return new RuntimeCounters(process.Name, path, collector);
    }

    /// <summary>Stops collecting and prints each figure at its first and last sample, in MiB (counts as they are).</summary>
    public async Task ReportAsync()
    {
        if (!collector.HasExited)
        {
            // As Ctrl+C: dotnet-counters writes its file only when it stops, and a killed one writes nothing.
            using var interrupt = Process.Start("kill", ["-INT", collector.Id.ToString(CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync();
        }

        // Polled, not awaited: WaitForExit also waits for the end of the redirected output, which can stay open.
        for (var waited = 0; !collector.HasExited && waited < 150; waited++)
        {
            await Task.Delay(200);
        }

        if (!File.Exists(Path))
        {
            Console.WriteLine($"{Name}: dotnet-counters wrote nothing");
            return;
        }

        // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment
        var samples = File.ReadLines(Path).Skip(1).Select(line => line.Split(','))
            .Where(columns => columns.Length >= 5 && Shown.Any(counter => columns[2].StartsWith(counter, StringComparison.Ordinal)))
            .GroupBy(columns => columns[2]);
        foreach (var counter in samples)
        {
            var values = counter.Select(columns => double.Parse(columns[^1], CultureInfo.InvariantCulture)).ToList();
            var inMiB = counter.Key.Contains("size", StringComparison.Ordinal) || counter.Key.Contains("working_set", StringComparison.Ordinal);
            string Show(double value) => inMiB ? (value / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("0", CultureInfo.InvariantCulture);
            Console.WriteLine($"| {Name} | {counter.Key} | {Show(values[0])} | {Show(values[^1])} | {string.Join(" · ", values.Select(Show))} |");
        }
    }
}
