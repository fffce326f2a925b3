namespace Federation.Contracts;

/// <summary>
/// The catalogue asks one hub to send again the current state of every resource whose latest event has a sequence
/// above <see cref="AfterSequence"/> (0 = everything ever published).
/// </summary>
public sealed record ResyncRequested(
    string HubId,
    Guid RequestId,
    long AfterSequence,
    string Reason,
    DateTimeOffset RequestedAt);
