namespace Federation.Contracts.Hub;

/// <summary>A confirmed request to join a hub (GET /members/join-requests): pending, approved or refused.</summary>
public sealed record JoinRequestRecord(
    Guid Id,
    string Name,
    string Email,
    string OrganisationName,
    string OrganisationType,
    string? KvkNumber,
    string Motivation,
    string State,
    DateTimeOffset? ConfirmedAt,
    string? OrganisationId,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Reason);
