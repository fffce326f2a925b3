using Federation.Catalogue.Ingest;
using Federation.Catalogue.Registry;
using Federation.Contracts;

namespace Federation.Catalogue.Tests;

public sealed class CatalogueBatchSpecs
{
    private readonly Dictionary<Guid, CatalogueEntry> entries = [];
    private readonly Dictionary<string, HubRecord> hubs = [];

    private void Apply(params CatalogueWrite[] writes)
    {
        var batch = new CatalogueBatch(entries, hubs, DateTimeOffset.UtcNow);
        foreach (var write in writes)
        {
            batch.Apply(write);
        }
    }

    private static ApplyResourceEvent At(ResourceSnapshot snapshot, long sequence) => new(Snapshots.Event(snapshot, sequence));

    [Fact]
    public void An_older_version_never_replaces_a_newer_one()
    {
        var id = Guid.NewGuid();
        Apply(At(Snapshots.Of(id, 3, "new title"), 2), At(Snapshots.Of(id, 2, "old title"), 1));

        Assert.Equal(3, entries[id].Version);
        Assert.Equal("new title", entries[id].Resource.Title);
        Assert.Equal(2, hubs["brainport"].Applied.ContiguousThrough);
    }

    [Fact]
    public void A_duplicate_changes_nothing()
    {
        var id = Guid.NewGuid();
        Apply(At(Snapshots.Of(id, 2, "title"), 1));
        var appliedAt = entries[id].AppliedAt;

        var batch = new CatalogueBatch(entries, hubs, DateTimeOffset.UtcNow.AddMinutes(1));
        batch.Apply(At(Snapshots.Of(id, 2, "title"), 1));

        Assert.Empty(batch.ChangedEntries);
        Assert.Equal(appliedAt, entries[id].AppliedAt);
        Assert.Equal(1, hubs["brainport"].KnownCount);
    }

    [Fact]
    public void A_tombstone_is_not_undone_by_a_late_older_copy()
    {
        var id = Guid.NewGuid();
        Apply(At(Snapshots.Of(id, 3, "t", ResourceState.Withdrawn), 2), At(Snapshots.Of(id, 2, "t"), 1));

        Assert.Equal(ResourceState.Withdrawn, entries[id].State);
        Assert.Equal(0, hubs["brainport"].PublishedCount);
        Assert.Equal(1, hubs["brainport"].KnownCount);
    }

    [Fact]
    public void The_digest_is_the_sum_of_the_terms_of_the_versions_held()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Apply(At(Snapshots.Of(a, 2, "a"), 1), At(Snapshots.Of(b, 2, "b"), 2), At(Snapshots.Of(a, 3, "a2"), 3));

        var expected = unchecked(ResourceDigest.Term(a, 3) + ResourceDigest.Term(b, 2));
        Assert.Equal(ResourceDigest.Format(expected), hubs["brainport"].Digest);
        Assert.Equal(2, hubs["brainport"].PublishedCount);
    }

    [Fact]
    public void A_heartbeat_at_the_same_sequence_compares_digests()
    {
        var a = Guid.NewGuid();
        Apply(At(Snapshots.Of(a, 2, "a"), 1));
        var digest = ResourceDigest.Format(ResourceDigest.Term(a, 2));

        Apply(new RecordHubSignal("brainport", "AI-hub Brainport", new Uri("http://hub"), 1, 1, digest, DateTimeOffset.UtcNow, false, Snapshots.FeedOf("brainport")));
        Assert.True(hubs["brainport"].DigestMatches);

        var wrong = new RecordHubSignal("brainport", "AI-hub Brainport", new Uri("http://hub"), 1, 1, "0000000000000001", DateTimeOffset.UtcNow, false, Snapshots.FeedOf("brainport"));
        Apply(wrong);
        Assert.Null(hubs["brainport"].DigestMatches);
        Apply(wrong);
        Assert.False(hubs["brainport"].DigestMatches);
    }

    [Fact]
    public void A_snapshot_of_another_hub_or_a_draft_is_ignored()
    {
        var id = Guid.NewGuid();
        Apply(new ApplyResourceEvent(new ResourcePublished("brainport", id, 1, 1, DateTimeOffset.UtcNow, Snapshots.Of(id, 1, "x", hub: "amsterdam"), Snapshots.FeedOf("brainport"))),
            At(Snapshots.Of(Guid.NewGuid(), 1, "draft", ResourceState.Draft), 2));

        Assert.Empty(entries);
    }

    [Fact]
    public void A_hub_that_starts_a_new_feed_is_forgotten_and_stale_messages_of_its_old_feed_are_ignored()
    {
        var old = Guid.NewGuid();
        Apply(At(Snapshots.Of(old, 2, "before the reset", hub: "reset-hub"), 1),
            new RecordHubSignal("reset-hub", "Reset hub", new Uri("http://hub"), 1, 1, null, DateTimeOffset.UtcNow, false, Snapshots.FeedOf("reset-hub")));
        var newFeed = Guid.NewGuid();
        var batch = new CatalogueBatch(entries, hubs, DateTimeOffset.UtcNow);

        batch.Apply(new RecordHubSignal("reset-hub", "Reset hub", new Uri("http://hub"), 3, 1, null, DateTimeOffset.UtcNow, false, newFeed));
        batch.Apply(At(Snapshots.Of(Guid.NewGuid(), 2, "stale, from the old feed", hub: "reset-hub"), 2));

        Assert.Contains("reset-hub", batch.HubsToReset);
        Assert.DoesNotContain(batch.ChangedEntries, id => entries[id].HubId == "reset-hub");
        var hub = hubs["reset-hub"];
        Assert.Equal(newFeed, hub.FeedId);
        Assert.Equal(0, hub.Applied.ContiguousThrough);
        Assert.Equal(0, hub.KnownCount);
        Assert.Equal(3, hub.ReportedThrough);
        Assert.NotNull(hub.BehindSince);

        var after = new CatalogueBatch(entries, hubs, DateTimeOffset.UtcNow);
        after.Apply(new ApplyResourceEvent(new ResourcePublished("reset-hub", old, 2, 2, DateTimeOffset.UtcNow, Snapshots.Of(old, 2, "stale", hub: "reset-hub"), Snapshots.FeedOf("reset-hub"))));
        Assert.Empty(after.ChangedEntries);
    }

    [Fact]
    public void A_full_resync_over_several_pages_completes_with_its_last_page()
    {
        var request = Guid.NewGuid();
        var feed = Snapshots.FeedOf("brainport");
        Apply(new RecordResyncRequested("brainport", request, 0, "test", DateTimeOffset.UtcNow));
        var batch = new CatalogueBatch(entries, hubs, DateTimeOffset.UtcNow);

        batch.Apply(new ApplyResentPage(new ResourcesResent("brainport", request, 0, 20, false, [new ResentResource(20, Snapshots.Of(Guid.NewGuid(), 2, "a"))], DateTimeOffset.UtcNow, feed)));
        Assert.NotNull(hubs["brainport"].Resync);
        batch.Apply(new ApplyResentPage(new ResourcesResent("brainport", request, 20, 35, true, [new ResentResource(31, Snapshots.Of(Guid.NewGuid(), 2, "b"))], DateTimeOffset.UtcNow, feed)));

        Assert.Null(hubs["brainport"].Resync);
        Assert.Contains("brainport", batch.HubsToRecount);
        Assert.Equal(35, hubs["brainport"].Applied.ContiguousThrough);
    }

    [Fact]
    public void A_hub_cannot_take_over_a_resource_another_hub_holds()
    {
        var id = Guid.NewGuid();
        Apply(At(Snapshots.Of(id, 2, "original", hub: "brainport"), 1));
        var batch = new CatalogueBatch(entries, hubs, DateTimeOffset.UtcNow);

        batch.Apply(At(Snapshots.Of(id, 9, "hijacked", hub: "amsterdam"), 1));

        Assert.Equal("original", entries[id].Resource.Title);
        Assert.Equal([("amsterdam", id)], batch.Refused);
        Assert.Equal(0, hubs["amsterdam"].KnownCount);
    }

    [Fact]
    public void The_last_page_of_a_full_resync_completes_it_and_asks_for_a_recount()
    {
        var request = Guid.NewGuid();
        Apply(new RecordResyncRequested("brainport", request, 0, "test", DateTimeOffset.UtcNow));
        var id = Guid.NewGuid();
        var batch = new CatalogueBatch(entries, hubs, DateTimeOffset.UtcNow);
        batch.Apply(new ApplyResentPage(new ResourcesResent("brainport", request, 0, 40, true, [new ResentResource(37, Snapshots.Of(id, 4, "x"))], DateTimeOffset.UtcNow, Snapshots.FeedOf("brainport"))));

        Assert.Null(hubs["brainport"].Resync);
        Assert.Equal(40, hubs["brainport"].Applied.ContiguousThrough);
        Assert.Contains("brainport", batch.HubsToRecount);
        Assert.Equal(37, entries[id].Sequence);
    }
}
