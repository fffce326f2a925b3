namespace Federation.Contracts;

/// <summary>
/// A hub decided something a person of another (or the same) hub asked for: an access request approved or denied,
/// a grant revoked, an introduction accepted or declined. Sent to the person's home hub only, which keeps it as a
/// notification for them. <see cref="MessageId"/> makes a redelivery harmless.
/// </summary>
public sealed record DecisionMade(
    Guid MessageId,
    string FromHubId,
    string RecipientHubId,
    string RecipientSubject,
    string Subject,
    string Decision,
    Guid ResourceId,
    string ResourceTitle,
    string? Reason,
    DateTimeOffset? AccessUntil,
    string? ContactDetails,
    DateTimeOffset DecidedAt) : ISignedMessage
{
    string ISignedMessage.SignerId => FromHubId;
}
