using Federation.Testing;

namespace Federation.Benchmarks;

/// <summary>Samples the resident memory of some processes every 250 ms and keeps the peak of each.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public MemorySampler(params ServiceProcess[] processes)
    {
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var process in processes)
                {
                    if (process.ResidentMemoryMiB() is { } rss)
                    {
                        lock (Peaks)
                        {
                            Peaks[process.Name] = Math.Max(Peaks.GetValueOrDefault(process.Name), rss);
                        }
                    }
                }

                await Task.Delay(250).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        });
    }

    private Dictionary<string, double> Peaks { get; } = [];

    /// <summary>The peak of each process so far, in MiB.</summary>
    public Dictionary<string, double> PeaksSoFar()
    {
        lock (Peaks)
        {
            return new Dictionary<string, double>(Peaks);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        await stop.CancelAsync();
        await loop;
    }
}
