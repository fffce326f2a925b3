namespace Federation.Contracts;

/// <summary>
/// One page of a hub's answer to <see cref="ResyncRequested"/>. A page covers the sequence range
/// (<see cref="AfterSequence"/>, <see cref="UpToSequence"/>]: every event of that range is either in the page or was
/// superseded by a later change of the same resource, which a later page or event carries.
/// </summary>
public sealed record ResourcesResent(
    string HubId,
    Guid RequestId,
    long AfterSequence,
    long UpToSequence,
    bool IsLast,
    IReadOnlyList<ResentResource> Resources,
    DateTimeOffset SentAt,
    Guid FeedId) : ISignedMessage
{
    string ISignedMessage.SignerId => HubId;
}
