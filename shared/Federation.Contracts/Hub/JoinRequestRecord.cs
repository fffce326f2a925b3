namespace Federation.Contracts.Hub;

/// <summary>
/// A confirmed request to join a hub (GET /members/join-requests): pending, approved or refused. <see cref="Provider"/>
/// names the institution's provider the person signed in with before asking (its e-mail address verified there).
/// </summary>
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
    string? Reason,
    string? Provider = null);
