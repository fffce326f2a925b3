namespace Federation.Contracts;

/// <summary>
/// A hub suspended, removed or reinstated one of its own members, told to one other hub (one message per hub of the
/// federation, on the one-hub exchange, <see cref="HubQueues.DecisionExchange"/>). The receiver stops honouring the
/// guest tokens it issued to that person at their next request and ends its grants to them, or honours them again.
/// Only the member's home hub can say this (<see cref="HubId"/> is the signer); the person is named by their id at
/// home alone, and the reason stays at home. Receivers apply the latest <see cref="ChangedAt"/> and ignore older news,
/// so repeats and messages out of order change nothing.
/// </summary>
public sealed record MemberStandingChanged(
    Guid MessageId,
    string HubId,
    string RecipientHubId,
    string Subject,
    string Standing,
    DateTimeOffset ChangedAt) : ISignedMessage
{
    public const string Suspended = "suspended";
    public const string Removed = "removed";
    public const string Active = "active";

    string ISignedMessage.SignerId => HubId;
}
