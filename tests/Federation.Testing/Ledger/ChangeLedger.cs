using System.Collections.Concurrent;

namespace Federation.Testing.Ledger;

/// <summary>
/// Every change a hub acknowledged (answered 2xx), as the client saw it: per resource the highest version and the
/// title it carried. After a fault, the catalogue is reconciled against this: an acknowledged change it lacks is
/// lost, two catalogue entries for one logical resource are a duplicate. Unacknowledged attempts are not in here;
/// whether they took effect or not is allowed either way.
/// </summary>
public sealed class ChangeLedger
{
    private readonly ConcurrentDictionary<Guid, Acknowledged> latest = new();
    private long acknowledgements;
    private long retries;
    private readonly ConcurrentDictionary<string, int> retryReasons = new();
    private readonly ConcurrentQueue<DateTimeOffset> acknowledgedAt = new();

    public long Acknowledgements => Interlocked.Read(ref acknowledgements);

    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Why attempts had to be repeated ("503", "connection refused", "timeout"…), with counts.</summary>
    public IReadOnlyDictionary<string, int> RetryReasons => retryReasons;

    public IReadOnlyDictionary<Guid, Acknowledged> Latest => latest;

    /// <summary>Acknowledgements per second in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public double RateBetween(DateTimeOffset from, DateTimeOffset to) =>
        acknowledgedAt.Count(at => at >= from && at < to) / Math.Max(0.001, (to - from).TotalSeconds);

    public void Acknowledge(Guid id, string marker, int version, string title, DateTimeOffset at)
    {
        Interlocked.Increment(ref acknowledgements);
        acknowledgedAt.Enqueue(at);
        var change = new Acknowledged(marker, version, title, at);
        latest.AddOrUpdate(id, change, (_, known) => version > known.Version ? change : known);
    }

    public void Retried(string reason)
    {
        Interlocked.Increment(ref retries);
        retryReasons.AddOrUpdate(reason, 1, (_, count) => count + 1);
    }

    /// <summary>
    /// Compares with what the catalogue holds for the ledger's markers: <paramref name="catalogue"/> lists every
    /// catalogue entry whose title carries a marker of this run, as (id, marker, version, title);
    /// <paramref name="atHubs"/> lists every resource of the run at the hubs, drafts included, as (id, marker). A
    /// duplicate is a second entry for one logical resource in either: in the catalogue (the same id twice, or two ids
    /// for one marker), or at a hub (a create that was repeated and made a second draft).
    /// </summary>
    public Reconciliation Reconcile(
        IReadOnlyCollection<(Guid Id, string Marker, int Version, string Title)> catalogue, IReadOnlyCollection<(Guid Id, string Marker)> atHubs)
    {
        var byId = catalogue.GroupBy(entry => entry.Id).ToDictionary(group => group.Key, group => group.First());
        var lost = latest.Where(pair => !byId.TryGetValue(pair.Key, out var found) || found.Version < pair.Value.Version
                || (found.Version == pair.Value.Version && found.Title != pair.Value.Title))
            .Select(pair => pair.Key).ToList();
        var inCatalogue = (catalogue.Count - byId.Count)
            + catalogue.GroupBy(entry => entry.Marker).Sum(group => group.Select(entry => entry.Id).Distinct().Count() - 1);
        var markers = latest.Values.Select(change => change.Marker).ToHashSet(StringComparer.Ordinal);
        var atHub = atHubs.Where(resource => markers.Contains(resource.Marker))
            .GroupBy(resource => resource.Marker).Sum(group => group.Select(resource => resource.Id).Distinct().Count() - 1);
        return new Reconciliation(latest.Count, Acknowledgements, lost, inCatalogue + atHub);
    }

    public sealed record Acknowledged(string Marker, int Version, string Title, DateTimeOffset At);
}

/// <summary>The outcome of reconciling a ledger: what was acknowledged, which of it the catalogue lacks, and duplicates.</summary>
public sealed record Reconciliation(int Resources, long Acknowledgements, IReadOnlyList<Guid> Lost, int Duplicates)
{
    public bool Holds => Lost.Count == 0 && Duplicates == 0;

    public override string ToString() =>
        $"{Resources} resources, {Acknowledgements} acknowledged changes, {Lost.Count} lost, {Duplicates} duplicates";
}
