namespace Federation.Hub.Feed;

/// <summary>
/// Where the hub's feed stands: every entry up to <see cref="PublishedThrough"/> reached the broker. The digest is
/// only given when nothing is waiting, because only then does it describe what the catalogue should hold.
/// </summary>
public sealed record FeedPosition(Guid FeedId, long PublishedThrough, long LastSequence, int KnownResources, string? Digest);
