namespace Federation.Hub.Feed;

/// <summary>
/// Puts a batch of committed feed entries on the broker. A seam of its own so that the fault suite can wrap it (drop
/// or scramble publishes, see <c>Faults/</c>) while the production relay only publishes.
/// </summary>
public interface IFeedPublisher
{
    Task PublishAsync(IReadOnlyList<FeedEntry> entries, Guid feedId, CancellationToken cancellationToken);
}
