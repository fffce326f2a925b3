using System.Threading.Channels;
using Federation.Catalogue.Registry;
using Federation.Contracts;
using Marten;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// The catalogue's single writer. Consumers hand it writes and wait; it takes whatever has queued up, applies it in
/// one Marten transaction and only then lets the consumers acknowledge their messages. Batching comes for free under
/// load and costs no latency when idle, and because nothing else writes, hub records never conflict.
/// </summary>
public sealed partial class CatalogueWriter(IDocumentStore store, TimeProvider clock, ILogger<CatalogueWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1_000;
    private readonly Channel<PendingWrite> queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Completes once the write is committed; throws if the batch holding it failed.</summary>
    public async Task WriteAsync(CatalogueWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Committed.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await WaitForWritesAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await CommitAsync(batch.Select(p => p.Write).ToList(), stoppingToken);
                batch.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception exception)
            {
                // The messages behind these writes are not acknowledged; MassTransit redelivers them.
                LogBatchFailed(logger, batch.Count, exception);
                batch.ForEach(p => p.Committed.TrySetException(exception));
            }
        }
    }

    private async Task<bool> WaitForWritesAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await queue.Reader.WaitToReadAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CommitAsync(IReadOnlyList<CatalogueWrite> writes, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var resourceIds = writes.SelectMany(ResourceIdsOf).Distinct().ToArray();
        var hubIds = writes.Select(w => w.HubId).Distinct().ToArray();
        var entries = (await session.LoadManyAsync<CatalogueEntry>(cancellationToken, resourceIds)).ToDictionary(e => e.Id);
        var hubs = (await session.LoadManyAsync<HubRecord>(cancellationToken, hubIds)).ToDictionary(h => h.Id);

        var batch = new CatalogueBatch(entries, hubs, clock.GetUtcNow());
        foreach (var write in writes)
        {
            batch.Apply(write);
        }

        foreach (var id in batch.ChangedEntries)
        {
            session.Store(entries[id]);
            SearchRows.Project(session, entries[id]);
        }

        session.Store(batch.ChangedHubs.Select(id => hubs[id]).ToArray());
        await session.SaveChangesAsync(cancellationToken);

        foreach (var hubId in batch.HubsToRecount)
        {
            await RecountAsync(hubs[hubId], cancellationToken);
        }
    }

    /// <summary>After a full resync, counts and digest are taken again from the entries themselves, not carried forward.</summary>
    private async Task RecountAsync(HubRecord hub, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var entries = await session.Query<CatalogueEntry>().Where(e => e.HubId == hub.Id)
            .Select(e => new { e.DigestTerm, e.State }).ToListAsync(cancellationToken);
        hub.KnownCount = entries.Count;
        hub.PublishedCount = entries.Count(e => e.State == ResourceState.Published);
        hub.DigestSum = entries.Aggregate(0L, (sum, e) => unchecked(sum + e.DigestTerm));
        hub.DigestMatches = null;
        session.Store(hub);
        await session.SaveChangesAsync(cancellationToken);
        LogRecounted(logger, hub.Id, hub.KnownCount, hub.Digest);
    }

    private static IEnumerable<Guid> ResourceIdsOf(CatalogueWrite write) => write switch
    {
        ApplyResourceEvent e => [e.Event.ResourceId],
        ApplyResentPage p => p.Page.Resources.Select(r => r.Resource.Id),
        _ => [],
    };

    private sealed record PendingWrite(CatalogueWrite Write, TaskCompletionSource Committed);

    [LoggerMessage(LogLevel.Warning, "A batch of {Count} catalogue writes failed; their messages will be redelivered")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(LogLevel.Information, "Hub {HubId} recounted after full resync: {Count} resources, digest {Digest}")]
    private static partial void LogRecounted(ILogger logger, string hubId, int count, string digest);
}
