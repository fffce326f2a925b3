using System.Diagnostics.Metrics;
using System.Text;
using Federation.Contracts;
using Federation.ServiceDefaults.Messaging.Signing;
using Marten;
using Microsoft.Extensions.Options;

namespace Federation.Catalogue.AuditHeads;

/// <summary>
/// Keeps the audit chain heads hubs sign into their heartbeats: one per hub at most every
/// <see cref="AuditHeadOptions.KeepEvery"/> while the chain grows, and every head that contradicts one kept before (a
/// place already kept with another hash; up to <see cref="AuditHeadOptions.MaxContradictions"/> per hub), which is counted
/// (<c>federation.audit.contradictions</c>) and logged: the hub's history was rewritten. What is kept is the hub's
/// own signed word, so anyone can check a hub's chain against it (<c>federation audit verify --catalogue</c>).
/// </summary>
public sealed partial class AuditHeadKeeper
{
    private readonly IDocumentStore store;
    private readonly IOptions<AuditHeadOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<AuditHeadKeeper> logger;
    private readonly Counter<long> contradictions;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public AuditHeadKeeper(IDocumentStore store, IOptions<AuditHeadOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<AuditHeadKeeper> logger)
    {
        this.store = store;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        contradictions = meters.Create("Federation.Catalogue").CreateCounter<long>("federation.audit.contradictions", "{head}",
            "Audit chain heads a hub signed that contradict a head it signed before: its audit history was rewritten.");
    }

    public async Task KeepAsync(HubHeartbeat heartbeat, VerifiedSender? sender, CancellationToken cancellationToken)
    {
        // Only a head whose signature was checked is worth keeping: it is the proof others will rely on.
        if (heartbeat is not { AuditRecords: { } records, AuditHead: { } hash } || sender is null)
        {
            return;
        }

        // A SHA-256 in lower-case hex at a place in the chain, or nothing worth keeping (and nothing to grow the database with).
        if (records < 0 || hash.Length != 64 || !hash.All(Uri.IsHexDigit) || hash.Any(char.IsUpper))
        {
            return;
        }

        // One head at a time in this process: a burst of heads for one new place (the catalogue takes many messages at
        // once) would otherwise each find no other and all be kept, past MaxContradictions. Heartbeats are few.
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await KeepOneAsync(heartbeat.HubId, records, hash, sender, cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task KeepOneAsync(string hub, long records, string hash, VerifiedSender sender, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<KeptAuditHead>(KeptAuditHead.IdOf(hub, records, hash), cancellationToken) is not null)
        {
            return;
        }

        // The latest head first, then a contradicted one: a head another replica keeps meanwhile, which would make
        // this one look too soon to keep, is then found as contradicted too.
        var latest = await session.Query<KeptAuditHead>().Where(head => head.HubId == hub)
            .OrderByDescending(head => head.KeptAt).FirstOrDefaultAsync(cancellationToken);
        // Only another hash for the same place proves a rewrite: a shorter chain may just be an older heartbeat
        // (several silos send them, and the catalogue takes many messages at once), arriving after a newer one.
        var contradicted = await session.Query<KeptAuditHead>()
            .Where(head => head.HubId == hub && head.Records == records && head.Hash != hash)
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (contradicted is null && latest is not null && now - latest.KeptAt < options.Value.KeepEvery)
        {
            return;
        }

        if (contradicted is not null && await session.Query<KeptAuditHead>().CountAsync(head => head.HubId == hub && head.Contradicts, cancellationToken) >= options.Value.MaxContradictions)
        {
            Contradiction(hub, records, hash, contradicted);
            return;
        }

        var kept = new KeptAuditHead
        {
            Id = KeptAuditHead.IdOf(hub, records, hash),
            HubId = hub,
            Records = records,
            Hash = hash,
            SignedAt = sender.SignedAt,
            KeptAt = now,
            KeyId = sender.KeyId,
            Signature = sender.Signature,
            SignedMessage = Encoding.UTF8.GetString(sender.SignedJson.Span),
            Contradicts = contradicted is not null,
        };
        session.Store(kept);
        await session.SaveChangesAsync(cancellationToken);
        if (contradicted is null)
        {
            // Two heads for one place handled at once by two replicas each found the other not yet there; whichever
            // looks after both were stored sees the other, and marks itself.
            contradicted = await session.Query<KeptAuditHead>()
                .Where(head => head.HubId == hub && head.Records == records && head.Hash != hash)
                .FirstOrDefaultAsync(cancellationToken);
            if (contradicted is null)
            {
                return;
            }

            kept.Contradicts = true;
            session.Store(kept);
            await session.SaveChangesAsync(cancellationToken);
        }

        Contradiction(hub, records, hash, contradicted);
    }

    private void Contradiction(string hub, long records, string hash, KeptAuditHead earlier)
    {
        contradictions.Add(1, new KeyValuePair<string, object?>("federation.hub", hub));
        LogContradiction(logger, hub, records, hash, earlier.Records, earlier.Hash);
    }

    [LoggerMessage(LogLevel.Warning, "Hub {HubId} signed audit head {Records}:{Hash}, which contradicts its earlier head {EarlierRecords}:{EarlierHash}: its audit history was rewritten")]
    private static partial void LogContradiction(ILogger logger, string hubId, long records, string hash, long earlierRecords, string earlierHash);
}
