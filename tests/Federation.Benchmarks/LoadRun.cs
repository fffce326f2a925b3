using System.Diagnostics;

namespace Federation.Benchmarks;

/// <summary>Runs one operation from several concurrent workers for a fixed count or time; reports rate and latencies.</summary>
internal static class LoadRun
{
    public static async Task<(double PerSecond, Distribution LatencyMs)> CountAsync(int total, int concurrency, Func<Task> operation)
    {
        var remaining = total;
        var stopwatch = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return mine;
        })));
        return (total / stopwatch.Elapsed.TotalSeconds, new Distribution(latencies.SelectMany(l => l)));
    }

    public static async Task<(double PerSecond, Distribution LatencyMs)> ForAsync(TimeSpan duration, int concurrency, Func<Task> operation)
    {
        var stopwatch = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return mine;
        })));
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count / stopwatch.Elapsed.TotalSeconds, new Distribution(all));
    }
}
