namespace Federation.Contracts;

/// <summary>A hub (re)started. The catalogue registers it and checks at once whether it missed anything.</summary>
public sealed record HubAnnounced(
    string HubId,
    string DisplayName,
    Uri ApiBaseUrl,
    long PublishedThroughSequence,
    DateTimeOffset At,
    Guid FeedId);
