namespace Federation.Contracts.Hub;

/// <summary>A member's request to be introduced to an expertise offer, and the offering hub's answer.</summary>
public sealed record Introduction(
    Guid Id,
    Guid OfferId,
    string RequesterHub,
    string RequesterSubject,
    string RequesterName,
    string? OrganisationName,
    string Message,
    string State,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? DecisionReason,
    string? Contact = null);
