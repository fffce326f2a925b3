using System.Diagnostics;
using Federation.Testing;

namespace Federation.Benchmarks;

/// <summary>
/// A snapshot of one process's managed heap with dotnet-gcdump (a global dotnet tool). Taking it forces a full
/// collection in that process, so what it reports is what the process still holds on to, not garbage waiting to be
/// collected: two snapshots minutes apart tell a leak from a heap that is only settling.
/// </summary>
internal static class HeapSnapshot
{
    private static readonly string Tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");

    public static bool Available => File.Exists(Tool);

    /// <summary>Writes a .gcdump of the process and its heap statistics report beside it; returns the report's path.</summary>
    public static async Task<string?> TakeAsync(ServiceProcess process, string label)
    {
        if (process.ProcessId is not { } id)
        {
            return null;
        }

        var folder = Path.Combine(LocalInfrastructure.RepositoryRoot, "TestResults", "gcdumps");
        Directory.CreateDirectory(folder);
        var dump = Path.Combine(folder, $"{process.Name}-{label}-{DateTime.UtcNow:HHmmss}.gcdump");
        await RunAsync("collect", "-p", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", dump);
        var report = Path.ChangeExtension(dump, ".txt");
        await File.WriteAllTextAsync(report, await RunAsync("report", dump));
        return report;
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var tool = Process.Start(start)!;
        var output = tool.StandardOutput.ReadToEndAsync();
        var errors = tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync();
        return tool.ExitCode == 0 ? await output : throw new InvalidOperationException($"dotnet-gcdump {arguments[0]} failed: {await errors}{await output}");
    }
}
