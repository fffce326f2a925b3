using Federation.Testing.Ledger;

namespace Federation.Testing.Faults;

/// <summary>
/// Staff at every hub publishing steadily: per hub a few writers, each keeping a handful of datasets of its own
/// and either publishing a new one or changing one of them, one change at a time with a short pause. Titles carry
/// the run's word, so the catalogue's share of the run can be found and reconciled.
/// </summary>
public sealed class SteadyLoad(
    IReadOnlyDictionary<string, ServiceProcess> hubs, ChangeLedger ledger, string word, TimeSpan writerDeadline,
    Action<HttpMethod, System.Net.HttpStatusCode?, TimeSpan>? observer = null)
{
    private const int WritersPerHub = 2;
    private const int ResourcesPerWriter = 4;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);
    private readonly CancellationTokenSource stop = new();
    private readonly List<ResilientStaffWriter> writers = [];
    private readonly List<Task> running = [];

    public IEnumerable<string> Errors => writers.SelectMany(writer => writer.Errors);

    /// <summary>How many resources the writers keep between them once all are published.</summary>
    public int Resources => hubs.Count * WritersPerHub * ResourcesPerWriter;

    public void Start()
    {
        foreach (var (hubId, hub) in hubs)
        {
            for (var w = 0; w < WritersPerHub; w++)
            {
                var writer = new ResilientStaffWriter([hub], ledger, writerDeadline) { Observer = observer };
                writers.Add(writer);
                var prefix = $"Meetreeks {word} {hubId} w{w}";
                running.Add(Task.Run(() => WriteAsync(writer, prefix, stop.Token)));
            }
        }
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(running);
    }

    private static async Task WriteAsync(ResilientStaffWriter writer, string prefix, CancellationToken cancellationToken)
    {
        var owned = new List<(Guid Id, string Marker, int Revision)>();
        var random = new Random(prefix.GetHashCode(StringComparison.Ordinal));
        while (!cancellationToken.IsCancellationRequested)
        {
            if (owned.Count < ResourcesPerWriter)
            {
                var marker = $"{prefix} r{owned.Count}";
                if (await writer.PublishNewAsync(marker, cancellationToken) is { } id)
                {
                    owned.Add((id, marker, 0));
                }
            }
            else
            {
                var pick = random.Next(owned.Count);
                var (id, marker, revision) = owned[pick];
                if (await writer.UpdateAsync(id, marker, revision + 1, cancellationToken))
                {
                    owned[pick] = (id, marker, revision + 1);
                }
            }

            await Task.Delay(Pause, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
