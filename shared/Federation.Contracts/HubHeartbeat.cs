namespace Federation.Contracts;

/// <summary>
/// A hub's periodic statement of where it stands. Every event with a sequence up to
/// <see cref="PublishedThroughSequence"/> has been handed to the broker. <see cref="Digest"/> is present only when
/// nothing was waiting to be published, so it describes exactly the state those events lead to.
/// <see cref="AuditRecords"/> and <see cref="AuditHead"/> are the head of the hub's audit hash chain: signed with the
/// heartbeat and kept by the catalogue, they let anyone later find out whether the hub rewrote its history.
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
    Uri? Issuer = null,
    long? AuditRecords = null,
    string? AuditHead = null) : ISignedMessage
{
    string ISignedMessage.SignerId => HubId;
}
