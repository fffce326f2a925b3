using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Federation.Catalogue.Registry;

namespace Federation.Catalogue.Telemetry;

/// <summary>
/// The catalogue's own spans and metrics, exported with the rest when telemetry is configured (ServiceDefaults):
/// events applied, how far each hub's feed is behind, search latency and the depth of the catalogue's queue — the
/// figures an operator alerts on. (The autoscaler follows the broker's own queue figure, which does not depend on a
/// catalogue being up.)
/// </summary>
public sealed class CatalogueTelemetry
{
    public const string Name = "Federation.Catalogue";

    /// <summary>Spans of the writer's batches; each batch continues the trace of its first write and links the others.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> applied;
    private readonly Histogram<double> searchDuration;
    private volatile FrozenDictionary<string, long> lagByHub = FrozenDictionary<string, long>.Empty;
    private long queueDepth = -1;

    public CatalogueTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        applied = meter.CreateCounter<long>("federation.catalogue.events.applied", "{event}", "Resource events of the hubs committed to the catalogue (newer versions applied, older ones found stale).");
        // Buckets in seconds: the SDK's defaults are meant for milliseconds and would put every search in the first.
        searchDuration = meter.CreateHistogram<double>("federation.catalogue.search.duration", "s", "Time to answer a search, from parsed request to result.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        meter.CreateObservableGauge("federation.catalogue.hub.lag", ObserveLag, "{event}", "Feed entries a hub has reported that the catalogue has not applied yet.");
        meter.CreateObservableGauge("federation.catalogue.queue.depth", ObserveQueueDepth, "{message}", "Messages waiting in the catalogue's queue.");
    }

    public void EventApplied(string hubId, string change) => applied.Add(1, new("federation.hub", hubId), new("change", change));

    public void SearchAnswered(TimeSpan elapsed) => searchDuration.Record(elapsed.TotalSeconds);

    /// <summary>The lag of every hub as the sync monitor last saw it.</summary>
    public void LagSeen(IEnumerable<HubRecord> hubs) => lagByHub = hubs.ToFrozenDictionary(hub => hub.Id, hub => hub.Lag);

    /// <summary>The queue's depth as last read, or null when the broker could not be asked.</summary>
    public void QueueDepthSeen(long? depth) => Interlocked.Exchange(ref queueDepth, depth ?? -1);

    private IEnumerable<Measurement<long>> ObserveLag() =>
        lagByHub.Select(hub => new Measurement<long>(hub.Value, new KeyValuePair<string, object?>("federation.hub", hub.Key)));

    private IEnumerable<Measurement<long>> ObserveQueueDepth()
    {
        var depth = Interlocked.Read(ref queueDepth);
        return depth < 0 ? [] : [new Measurement<long>(depth, new KeyValuePair<string, object?>("queue", "catalogue"))];
    }
}
