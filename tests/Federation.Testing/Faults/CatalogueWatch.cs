using System.Collections.Concurrent;
using Federation.Testing.Ledger;

namespace Federation.Testing.Faults;

/// <summary>
/// Watches the catalogue through a run, four times a second: the highest version it has shown of each resource,
/// every time it showed a lower one afterwards (a version regression), and the moment it first held a given set of
/// acknowledged versions. The catalogue being away is just a missed look.
/// </summary>
public sealed class CatalogueWatch(ServiceProcess catalogue, string word) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, int> highest = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<(IReadOnlyDictionary<Guid, int> Due, TaskCompletionSource<DateTimeOffset> Reached)> waiting = [];
    private Task? loop;
    private int regressions;

    public int Regressions => Volatile.Read(ref regressions);

    public void Start() => loop = Task.Run(() => WatchAsync(stop.Token));

    /// <summary>Completes when the catalogue first shows every resource in <paramref name="due"/> at that version or later.</summary>
    public Task<DateTimeOffset> WhenShowingAsync(IReadOnlyDictionary<Guid, int> due)
    {
        var reached = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiting)
        {
            waiting.Add((due, reached));
        }

        return reached.Task;
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var seen = await CatalogueView.ReadRunAsync(catalogue, word);
                var now = DateTimeOffset.UtcNow;
                foreach (var (id, _, version, _) in seen)
                {
                    var before = highest.GetOrAdd(id, version);
                    if (version < before)
                    {
                        Interlocked.Increment(ref regressions);
                    }
                    else
                    {
                        highest[id] = version;
                    }
                }

                var current = seen.GroupBy(entry => entry.Id).ToDictionary(group => group.Key, group => group.Max(entry => entry.Version));
                lock (waiting)
                {
                    foreach (var wait in waiting.Where(w => w.Due.All(due => current.TryGetValue(due.Key, out var shown) && shown >= due.Value)).ToList())
                    {
                        wait.Reached.TrySetResult(now);
                        waiting.Remove(wait);
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                // The catalogue is down or restarting: look again.
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stop.Dispose();
    }
}
