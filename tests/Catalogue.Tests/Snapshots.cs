using Federation.Contracts;

namespace Federation.Catalogue.Tests;

/// <summary>Resource snapshots and events as a hub would send them.</summary>
internal static class Snapshots
{
    public static ResourceSnapshot Of(
        Guid id, int version, string title, ResourceState state = ResourceState.Published, string hub = "brainport",
        ResourceKind kind = ResourceKind.Dataset, string licence = "CC-BY-4.0", AccessPolicy access = AccessPolicy.Open,
        string[]? keywords = null, string[]? themes = null, string summary = "", string description = "") =>
        new(id, hub, kind, state, version, title, summary, description, keywords ?? [], themes ?? [], licence, access,
            "TU Eindhoven", null, "en", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(version), DateTimeOffset.UtcNow,
            state == ResourceState.Withdrawn ? DateTimeOffset.UtcNow : null, null);

    /// <summary>One feed per hub id for the life of the test run, as a hub that is never reset has.</summary>
    public static Guid FeedOf(string hubId) => Feeds.GetOrAdd(hubId, _ => Guid.NewGuid());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Guid> Feeds = new();

    public static IResourceEvent Event(ResourceSnapshot snapshot, long sequence) => snapshot.State switch
    {
        ResourceState.Withdrawn => new ResourceWithdrawn(snapshot.HubId, snapshot.Id, snapshot.Version, sequence, snapshot.ModifiedAt, snapshot, FeedOf(snapshot.HubId)),
        _ when snapshot.Version <= 2 => new ResourcePublished(snapshot.HubId, snapshot.Id, snapshot.Version, sequence, snapshot.ModifiedAt, snapshot, FeedOf(snapshot.HubId)),
        _ => new ResourceChanged(snapshot.HubId, snapshot.Id, snapshot.Version, sequence, snapshot.ModifiedAt, snapshot, FeedOf(snapshot.HubId)),
    };
}
