using Federation.Catalogue.Registry;
using Federation.Contracts;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// Applies a batch of writes, in memory, to the entries and hub records they touch; the writer loads those before
/// and saves what changed after, in one transaction. The rule that makes sync safe lives here: a snapshot whose
/// version is not newer than the stored one changes nothing, whatever order or how often it arrives.
/// </summary>
public sealed class CatalogueBatch(
    IDictionary<Guid, CatalogueEntry> entries,
    IDictionary<string, HubRecord> hubs,
    DateTimeOffset now)
{
    public HashSet<Guid> ChangedEntries { get; } = [];

    public HashSet<string> ChangedHubs { get; } = [];

    /// <summary>
    /// Hubs that started a new feed (their database was reset or restored): everything the catalogue held of them is
    /// dropped and they are resynced from the start. Their other writes in this batch are ignored; the resync brings them.
    /// </summary>
    public HashSet<string> HubsToReset { get; } = [];

    /// <summary>Snapshots refused because they claim a resource another hub holds: (claiming hub, resource).</summary>
    public List<(string HubId, Guid ResourceId)> Refused { get; } = [];

    /// <summary>Hubs whose full resync completed: counts and digest are taken again from the stored entries.</summary>
    public HashSet<string> HubsToRecount { get; } = [];

    /// <summary>Hubs to recount on the periodic audit; their digest comparison is reset only if the count was off.</summary>
    public HashSet<string> HubsToAudit { get; } = [];

    public void Apply(CatalogueWrite write)
    {
        var hub = Hub(write.HubId);
        var contiguousBefore = hub.Applied.ContiguousThrough;
        switch (write)
        {
            case ApplyResourceEvent { Event: var e } when !FollowsFeed(hub, e.FeedId):
            case ApplyResentPage { Page: var stalePage } when !FollowsFeed(hub, stalePage.FeedId):
                break;
            case ApplyResourceEvent { Event: var e } applied:
                ApplySnapshot(hub, e.Resource, e.Sequence, applied.SignedWithKey);
                hub.Applied.Cover(e.Sequence - 1, e.Sequence);
                hub.LastEventAt = Max(hub.LastEventAt, e.OccurredAt);
                break;
            case ApplyResentPage { Page: var page } resentPage:
                foreach (var resent in page.Resources)
                {
                    ApplySnapshot(hub, resent.Resource, resent.Sequence, resentPage.SignedWithKey);
                }

                hub.Applied.Cover(page.AfterSequence, page.UpToSequence);
                if (page.IsLast && hub.Resync is { } resync && resync.RequestId == page.RequestId)
                {
                    hub.Resync = null;
                    // A full resync may take many pages; what counts is what was asked for.
                    if (resync.After == 0)
                    {
                        HubsToRecount.Add(hub.Id);
                    }
                }

                break;
            case RecordHubSignal signal:
                if (hub.FeedId is { } followed && followed != signal.FeedId)
                {
                    Reset(hub, signal.FeedId);
                }

                hub.FeedId = signal.FeedId;
                RecordSignal(hub, signal);
                break;
            case AuditHub:
                HubsToAudit.Add(hub.Id);
                break;
            case RecordResyncRequested request:
                hub.Resync = new ResyncState(request.RequestId, request.After, request.Reason, request.At);
                hub.ResyncsRequested++;
                break;
        }

        TrackProgress(hub, contiguousBefore);
        ChangedHubs.Add(hub.Id);
    }

    /// <summary>
    /// Whether a message belongs to the feed the catalogue follows for this hub. The first feed seen is adopted; a
    /// different one is taken up only from the hub's own announcement or heartbeat, so a stale message from before a
    /// reset can never pass for the current feed.
    /// </summary>
    private bool FollowsFeed(HubRecord hub, Guid feedId)
    {
        if (HubsToReset.Contains(hub.Id))
        {
            return false;
        }

        hub.FeedId ??= feedId;
        return hub.FeedId == feedId;
    }

    private void Reset(HubRecord hub, Guid feedId)
    {
        HubsToReset.Add(hub.Id);
        ChangedEntries.RemoveWhere(id => entries[id].HubId == hub.Id);
        hub.FeedId = feedId;
        hub.FeedResets++;
        hub.Applied = new AppliedSequences();
        hub.KnownCount = 0;
        hub.PublishedCount = 0;
        hub.DigestSum = 0;
        hub.DigestMatches = null;
        hub.DigestMismatchesInARow = 0;
        hub.Resync = null;
        hub.BehindSince = null;
        hub.ReportedThrough = 0;
    }

    private void ApplySnapshot(HubRecord hub, ResourceSnapshot snapshot, long sequence, string? signedWithKey)
    {
        // Drafts never leave a hub; a snapshot in draft state would be a hub bug, and is not shown.
        if (snapshot.State == ResourceState.Draft || snapshot.HubId != hub.Id)
        {
            return;
        }

        entries.TryGetValue(snapshot.Id, out var entry);
        // A resource belongs to the hub that first published it; another hub cannot take it over.
        if (entry is not null && (entry.Version >= snapshot.Version || entry.HubId != hub.Id))
        {
            if (entry.HubId != hub.Id)
            {
                Refused.Add((hub.Id, snapshot.Id));
            }

            return;
        }

        var term = ResourceDigest.Term(snapshot.Id, snapshot.Version);
        if (entry is null)
        {
            entry = new CatalogueEntry { Id = snapshot.Id, HubId = snapshot.HubId };
            entries[snapshot.Id] = entry;
            hub.KnownCount++;
        }
        else
        {
            hub.DigestSum = unchecked(hub.DigestSum - entry.DigestTerm);
            if (entry.State == ResourceState.Published)
            {
                hub.PublishedCount--;
            }
        }

        hub.DigestSum = unchecked(hub.DigestSum + term);
        if (snapshot.State == ResourceState.Published)
        {
            hub.PublishedCount++;
        }

        entry.Version = snapshot.Version;
        entry.State = snapshot.State;
        entry.Sequence = sequence;
        entry.DigestTerm = term;
        entry.AppliedAt = now;
        entry.Resource = snapshot;
        entry.SignedWithKey = signedWithKey;
        ChangedEntries.Add(entry.Id);
    }

    private static void RecordSignal(HubRecord hub, RecordHubSignal signal)
    {
        hub.DisplayName = signal.DisplayName;
        hub.ApiBaseUrl = signal.ApiBaseUrl;
        hub.Issuer = signal.Issuer ?? hub.Issuer;
        hub.ReportedThrough = signal.PublishedThrough;
        hub.LastHeartbeatAt = Max(hub.LastHeartbeatAt, signal.At);
        if (signal.Announced)
        {
            hub.AnnouncedAt = signal.At;
            return;
        }

        hub.ReportedDigest = signal.Digest;
        hub.ReportedCount = signal.ResourceCount ?? hub.ReportedCount;
        // Only comparable when both sides stand at the same sequence and the hub had nothing in flight.
        if (signal.Digest is not null && !hub.Applied.HasGap && hub.Applied.ContiguousThrough == signal.PublishedThrough)
        {
            // One mismatch can be a race (an out-of-order event applied just before this heartbeat was read);
            // two in a row cannot, and only then is everything asked for again.
            var matches = signal.Digest == hub.Digest && signal.ResourceCount == hub.KnownCount;
            hub.DigestMismatchesInARow = matches ? 0 : hub.DigestMismatchesInARow + 1;
            hub.DigestMatches = matches ? true : hub.DigestMismatchesInARow >= 2 ? false : null;
        }
    }

    private void TrackProgress(HubRecord hub, long contiguousBefore)
    {
        var behind = hub.Applied.HasGap || hub.ReportedThrough > hub.Applied.ContiguousThrough;
        if (!behind)
        {
            hub.BehindSince = null;
        }
        else if (hub.BehindSince is null || hub.Applied.ContiguousThrough > contiguousBefore)
        {
            // Behind but moving is normal under load; only standing still while behind calls for a resync.
            hub.BehindSince = now;
        }
    }

    private HubRecord Hub(string hubId)
    {
        if (!hubs.TryGetValue(hubId, out var hub))
        {
            hub = new HubRecord { Id = hubId, DisplayName = hubId };
            hubs[hubId] = hub;
        }

        return hub;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a;
}
