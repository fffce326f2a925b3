using System.Diagnostics;
using System.Threading.Channels;
using Federation.Catalogue.Registry;
using Federation.Catalogue.Search.Compounds;
using Federation.Catalogue.Telemetry;
using Federation.Contracts;
using Marten;
using Npgsql;
using Microsoft.Extensions.Options;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// The catalogue's writer. Consumers hand it writes and wait; it takes whatever has queued up, applies it in one
/// Marten transaction and only then lets the consumers acknowledge their messages. Batching comes for free under
/// load and costs no latency when idle. Writes are split into lanes by hub: each lane is a single writer for its
/// hubs, so hub records never conflict, while several lanes keep more than one database core busy.
/// </summary>
public sealed partial class CatalogueWriter : BackgroundService
{
    private const int MaxBatch = 1_000;
    private readonly Channel<PendingWrite>[] lanes;
    private readonly IDocumentStore store;
    private readonly NpgsqlDataSource database;
    private readonly TimeProvider clock;
    private readonly ILogger<CatalogueWriter> logger;
    private readonly CompoundSplitter compounds;

    public CatalogueWriter(IDocumentStore store, NpgsqlDataSource database, TimeProvider clock, CompoundSplitter compounds, IOptions<IngestOptions> options, ILogger<CatalogueWriter> logger)
    {
        this.compounds = compounds;
        this.store = store;
        this.database = database;
        this.clock = clock;
        this.logger = logger;
        lanes = Enumerable.Range(0, options.Value.Lanes)
            .Select(_ => Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))
            .ToArray();
    }

    /// <summary>Completes once the write is committed; throws if the batch holding it failed.</summary>
    public async Task WriteAsync(CatalogueWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current?.Context ?? default);
        // A deterministic hash, so a hub keeps its lane across restarts and runs measure alike.
        var lane = lanes[(int)(write.HubId.Aggregate(17u, (hash, c) => unchecked((hash * 31) + c)) % (uint)lanes.Length)];
        await lane.Writer.WriteAsync(pending, cancellationToken);
        await pending.Committed.Task.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(lanes.Select(lane => Task.Run(() => RunLaneAsync(lane.Reader, stoppingToken), stoppingToken)));

    private async Task RunLaneAsync(ChannelReader<PendingWrite> queue, CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await WaitForWritesAsync(queue, stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.TryRead(out var next))
            {
                batch.Add(next);
            }

            await CommitOrIsolateAsync(batch, stoppingToken);
        }
    }

    private static async Task<bool> WaitForWritesAsync(ChannelReader<PendingWrite> queue, CancellationToken stoppingToken)
    {
        try
        {
            return await queue.WaitToReadAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Commits the batch; if it fails, commits its writes one by one, so that one write that cannot apply fails only
    /// its own message and not the thousand others that happened to share its batch.
    /// </summary>
    private async Task CommitOrIsolateAsync(List<PendingWrite> batch, CancellationToken stoppingToken)
    {
        try
        {
            await CommitTracedAsync(batch, stoppingToken);
            batch.ForEach(p => p.Committed.TrySetResult());
            return;
        }
        // A database that is away fails every write alike: only other failures are worth isolating one by one.
        catch (Exception exception) when (batch.Count > 1 && exception is not NpgsqlException { IsTransient: true } && !stoppingToken.IsCancellationRequested)
        {
            LogBatchFailed(logger, batch.Count, exception);
        }
        catch (Exception exception)
        {
            // The message behind this write is not acknowledged; MassTransit retries it, then dead-letters it.
            batch.ForEach(p => p.Committed.TrySetException(exception));
            return;
        }

        foreach (var pending in batch)
        {
            try
            {
                await CommitTracedAsync([pending], stoppingToken);
                pending.Committed.TrySetResult();
            }
            catch (Exception exception)
            {
                pending.Committed.TrySetException(exception);
            }
        }
    }

    /// <summary>
    /// Commits inside a span that continues the trace of one write in the batch (a resource event when there is one)
    /// and links the traces of all others: a span has one parent, and the batch's database work happens only once.
    /// </summary>
    private async Task CommitTracedAsync(IReadOnlyList<PendingWrite> batch, CancellationToken cancellationToken)
    {
        // Sampled traces first: continuing one that is not recorded would drop the commit from a trace that is.
        var traced = batch.Where(p => p.Origin != default).OrderByDescending(p => p.Origin.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)).ToList();
        var parent = traced.FirstOrDefault(p => p.Write is ApplyResourceEvent) ?? traced.FirstOrDefault();
        // The SDK keeps 128 links a span by default; more would be dropped anyway.
        using var activity = CatalogueTelemetry.Source.StartActivity("catalogue commit", ActivityKind.Internal, parent?.Origin ?? default,
            links: traced.Where(p => p != parent).Take(127).Select(p => new ActivityLink(p.Origin)));
        activity?.SetTag("federation.batch.size", batch.Count);
        await CommitAsync(batch.Select(p => p.Write).ToList(), cancellationToken);
    }

    private async Task CommitAsync(IReadOnlyList<CatalogueWrite> writes, CancellationToken cancellationToken)
    {
        var (batch, hubs) = await ApplyAsync(writes, cancellationToken);
        foreach (var (hubId, resourceId) in batch.Refused)
        {
            LogRefused(logger, hubId, resourceId);
        }

        foreach (var hubId in batch.HubsToRecount.Union(batch.HubsToAudit))
        {
            await RecountAsync(hubs[hubId], afterFullResync: batch.HubsToRecount.Contains(hubId), cancellationToken);
        }
    }

    /// <summary>
    /// Applies the writes in one transaction under the locks of their hubs. The session ends here, before any recount
    /// takes its own: its connection and locks are given back whether or not there was anything to save.
    /// </summary>
    private async Task<(CatalogueBatch Batch, Dictionary<string, HubRecord> Hubs)> ApplyAsync(IReadOnlyList<CatalogueWrite> writes, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var resourceIds = writes.SelectMany(ResourceIdsOf).Distinct().ToArray();
        var hubIds = writes.Select(w => w.HubId).Distinct().ToArray();
        await LockHubsAsync(session, hubIds, cancellationToken);
        var entries = (await session.LoadManyAsync<CatalogueEntry>(cancellationToken, resourceIds)).ToDictionary(e => e.Id);
        var hubs = (await session.LoadManyAsync<HubRecord>(cancellationToken, hubIds)).ToDictionary(h => h.Id);

        var batch = new CatalogueBatch(entries, hubs, clock.GetUtcNow());
        foreach (var write in writes)
        {
            batch.Apply(write);
        }

        foreach (var hubId in batch.HubsToReset)
        {
            session.DeleteWhere<CatalogueEntry>(entry => entry.HubId == hubId);
            session.QueueSqlCommand("DELETE FROM catalogue_search WHERE hub_id = ?", hubId);
            session.QueueSqlCommand("DELETE FROM catalogue_lineage WHERE model_hub = ?", hubId);
            LogReset(logger, hubId, hubs[hubId].FeedId);
        }

        var changed = batch.ChangedEntries.Select(id => entries[id]).ToList();
        if (changed.Count > 0)
        {
            session.Store(changed.ToArray());
            SearchRows.Project(session, changed, compounds);
        }

        session.Store(batch.ChangedHubs.Select(id => hubs[id]).ToArray());
        await session.SaveChangesAsync(cancellationToken);
        return (batch, hubs);
    }

    /// <summary>
    /// Counts and digest taken again from the entries themselves, not carried forward. If they differ from what the
    /// hub record said, the record is corrected and its digest comparison reset, so the next heartbeat compares the
    /// hub with what the catalogue really holds — and a mismatch then asks for a full resync.
    /// </summary>
    private async Task RecountAsync(HubRecord committed, bool afterFullResync, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        await LockHubsAsync(session, [committed.Id], cancellationToken);
        // Read again under the lock: another replica may have moved the record on since this one committed it.
        var hub = await session.LoadAsync<HubRecord>(committed.Id, cancellationToken) ?? committed;
        var entries = await session.Query<CatalogueEntry>().Where(e => e.HubId == hub.Id)
            .Select(e => new { e.DigestTerm, e.State }).ToListAsync(cancellationToken);
        var known = entries.Count;
        var published = entries.Count(e => e.State == ResourceState.Published);
        var digestSum = entries.Aggregate(0L, (sum, e) => unchecked(sum + e.DigestTerm));
        var drifted = known != hub.KnownCount || published != hub.PublishedCount || digestSum != hub.DigestSum;
        if (drifted)
        {
            LogDrift(logger, hub.Id, known, hub.KnownCount, ResourceDigest.Format(digestSum), hub.Digest);
        }

        hub.KnownCount = known;
        hub.PublishedCount = published;
        hub.DigestSum = digestSum;
        if (drifted || afterFullResync)
        {
            // What was compared before no longer describes what the catalogue holds: compare afresh.
            hub.DigestMatches = null;
            hub.DigestMismatchesInARow = 0;
        }

        session.Store(hub);
        if (await SearchRowsOfAsync(hub.Id, cancellationToken) != published)
        {
            // The documents are whole but the search table is not: project it again from them.
            var entriesOfHub = await session.Query<CatalogueEntry>().Where(e => e.HubId == hub.Id).ToListAsync(cancellationToken);
            session.QueueSqlCommand("DELETE FROM catalogue_search WHERE hub_id = ?", hub.Id);
            SearchRows.Project(session, entriesOfHub.ToList(), compounds);
            LogSearchRebuilt(logger, hub.Id, published);
        }

        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Opens the session's transaction and takes, until it ends, a lock per hub (in one order, so two replicas never
    /// wait on each other crosswise). Replicas of the catalogue then apply one hub's writes one after another, each
    /// reading what the one before committed, while different hubs' writes go side by side. In one process the lanes
    /// already keep a hub to one writer, so the lock is only ever contended between replicas.
    /// </summary>
    private static async Task LockHubsAsync(IDocumentSession session, IEnumerable<string> hubIds, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        foreach (var hubId in hubIds.Order(StringComparer.Ordinal))
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('catalogue-hub:' || $1, 0))", session.Connection);
            command.Parameters.AddWithValue(hubId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<long> SearchRowsOfAsync(string hubId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM catalogue_search WHERE hub_id = $1");
        command.Parameters.AddWithValue(hubId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static IEnumerable<Guid> ResourceIdsOf(CatalogueWrite write) => write switch
    {
        ApplyResourceEvent e => [e.Event.ResourceId],
        ApplyResentPage p => p.Page.Resources.Select(r => r.Resource.Id),
        _ => [],
    };

    /// <param name="Origin">The span the write was made in (the consume of its message), so its commit can join that trace.</param>
    private sealed record PendingWrite(CatalogueWrite Write, TaskCompletionSource Committed, ActivityContext Origin);

    [LoggerMessage(LogLevel.Warning, "Hub {HubId} started a new feed {FeedId} (its database was reset or restored); dropped what the catalogue held of it and resyncing from the start")]
    private static partial void LogReset(ILogger logger, string hubId, Guid? feedId);

    [LoggerMessage(LogLevel.Warning, "Hub {HubId} sent resource {ResourceId}, which another hub holds; refused")]
    private static partial void LogRefused(ILogger logger, string hubId, Guid resourceId);

    [LoggerMessage(LogLevel.Warning, "A batch of {Count} catalogue writes failed; committing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Hub {HubId}: search rows did not match the {Published} published entries; projected again")]
    private static partial void LogSearchRebuilt(ILogger logger, string hubId, int published);

    [LoggerMessage(LogLevel.Warning, "Hub {HubId}: the catalogue holds {Count} resources (digest {Digest}) where its record said {RecordedCount} ({RecordedDigest}); corrected")]
    private static partial void LogDrift(ILogger logger, string hubId, int count, int recordedCount, string digest, string recordedDigest);
}
