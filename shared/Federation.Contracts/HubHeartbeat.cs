namespace Federation.Contracts;

/// <summary>
/// A hub's periodic statement of where it stands. Every event with a sequence up to
/// <see cref="PublishedThroughSequence"/> has been handed to the broker. <see cref="Digest"/> is present only when
/// nothing was waiting to be published, so it describes exactly the state those events lead to.
/// </summary>
public sealed record HubHeartbeat(
    string HubId,
    string DisplayName,
    Uri ApiBaseUrl,
    long PublishedThroughSequence,
    int ResourceCount,
    string? Digest,
    DateTimeOffset At,
    Guid FeedId,
    Uri? Issuer = null) : ISignedMessage
{
    string ISignedMessage.SignerId => HubId;
}
