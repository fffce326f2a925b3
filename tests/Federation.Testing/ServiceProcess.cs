using System.Diagnostics;

namespace Federation.Testing;

/// <summary>
/// One service binary running as its own process, exactly as the run script starts it, with its output in a log
/// file under TestResults. Can be killed hard (as a crash would) and started again on the same configuration.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string dll;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly string logPath;
    private Process? process;

    public ServiceProcess(string name, string project, string assembly, int port, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        this.environment = environment;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        dll = Path.Combine(LocalInfrastructure.RepositoryRoot, "services", project, "bin", configuration, "net10.0", assembly);
        var logs = Path.Combine(LocalInfrastructure.RepositoryRoot, "TestResults", "service-logs");
        Directory.CreateDirectory(logs);
        logPath = Path.Combine(logs, $"{name}-{DateTime.UtcNow:HHmmss}-{port}.log");
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>The hub this process runs (its <c>Hub:Id</c> setting); null for the catalogue and the portal.</summary>
    public string? HubId => environment.TryGetValue("Hub__Id", out var id) ? id : null;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public HttpClient Http { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Everything the process wrote to its console so far.</summary>
    public async Task<string[]> ReadLogAsync()
    {
        await using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The operating system's id of the running process, or null when it is not running.</summary>
    public int? ProcessId => process is { HasExited: false } ? process.Id : null;

    /// <summary>Resident memory of the process now, in MiB (Linux /proc), or null when it is not running.</summary>
    public double? ResidentMemoryMiB()
    {
        if (process is not { HasExited: false })
        {
            return null;
        }

        var status = File.ReadAllLines($"/proc/{process.Id}/status").FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return status is null ? null : long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public async Task StartAsync()
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        }

        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_gcServer"] = "0";
        // As the images and the run script do: glibc's per-thread arenas otherwise keep growing native memory.
        start.Environment["MALLOC_ARENA_MAX"] = "2";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.Until(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}; see {logPath}");
            }

            return (await Http.GetAsync("health/ready")).IsSuccessStatusCode;
        }, ready => ready, TimeSpan.FromSeconds(90), $"{Name} to be ready (log: {logPath})");
    }

    /// <summary>Ends the process at once, like a crash or kill -9: no graceful shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Waits until the process ends by itself (a crash it was told to have).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await process!.WaitForExitAsync(deadline.Token);
    }

    /// <summary>
    /// Stops the process without ending it (SIGSTOP): its sockets stay open and nothing answers, as for a machine
    /// cut off from the network. <see cref="ThawAsync"/> lets it go on where it was.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Name} failed with {kill.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        Http.Dispose();
    }
}
