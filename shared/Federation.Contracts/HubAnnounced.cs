namespace Federation.Contracts;

/// <summary>
/// A hub (re)started. The catalogue registers it and checks at once whether it missed anything. <see cref="Issuer"/> is
/// where the hub's tokens come from; the catalogue's trust list publishes it for the other hubs.
/// </summary>
public sealed record HubAnnounced(
    string HubId,
    string DisplayName,
    Uri ApiBaseUrl,
    long PublishedThroughSequence,
    DateTimeOffset At,
    Guid FeedId,
    Uri? Issuer = null) : ISignedMessage
{
    string ISignedMessage.SignerId => HubId;
}
