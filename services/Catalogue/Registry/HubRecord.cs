using Federation.Contracts;

namespace Federation.Catalogue.Registry;

/// <summary>What the catalogue knows of one hub: who it is, what it said last, and how much of its feed is applied.</summary>
public sealed class HubRecord
{
    public string Id { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Where this hub serves resource <paramref name="id"/>, when it announced its API.</summary>
    public Uri? ResourceAt(Guid id) => ApiBaseUrl is { } baseUrl ? new Uri(baseUrl, $"resources/{id}") : null;

    /// <summary>Where the hub's tokens come from, as the hub announced it; trusted only under the rules of <see cref="TrustList"/>.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>The life of the hub's feed the catalogue follows; see <see cref="Federation.Contracts.IResourceEvent.FeedId"/>.</summary>
    public Guid? FeedId { get; set; }

    public int FeedResets { get; set; }

    public AppliedSequences Applied { get; set; } = new();

    /// <summary>The hub's last word on how far its feed was published.</summary>
    public long ReportedThrough { get; set; }

    public string? ReportedDigest { get; set; }

    public int ReportedCount { get; set; }

    public DateTimeOffset? AnnouncedAt { get; set; }

    public DateTimeOffset? LastHeartbeatAt { get; set; }

    public DateTimeOffset? LastEventAt { get; set; }

    /// <summary>Published resources of this hub in the catalogue (searchable).</summary>
    public int PublishedCount { get; set; }

    /// <summary>Resources the catalogue holds for this hub, tombstones included, and the sum of their digest terms.</summary>
    public int KnownCount { get; set; }

    public long DigestSum { get; set; }

    /// <summary>Result of the last digest comparison; null until one could be made.</summary>
    public bool? DigestMatches { get; set; }

    public int DigestMismatchesInARow { get; set; }

    public DateTimeOffset? BehindSince { get; set; }

    public ResyncState? Resync { get; set; }

    public int ResyncsRequested { get; set; }

    public string Digest => ResourceDigest.Format(DigestSum);

    public long Lag => Math.Max(0, ReportedThrough - Applied.ContiguousThrough);
}

/// <summary>A resync that was asked for and not yet answered in full.</summary>
public sealed record ResyncState(Guid RequestId, long After, string Reason, DateTimeOffset RequestedAt);
