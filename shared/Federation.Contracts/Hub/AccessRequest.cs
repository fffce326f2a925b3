namespace Federation.Contracts.Hub;

/// <summary>Someone's request to use an <c>approval</c> resource, and the hub staff's decision on it.</summary>
public sealed record AccessRequest(
    Guid Id,
    Guid ResourceId,
    string RequesterHub,
    string RequesterSubject,
    string RequesterName,
    string? OrganisationId,
    string? OrganisationName,
    string? OrganisationType,
    string Purpose,
    bool TermsAccepted,
    string State,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? DecisionReason,
    Guid? GrantId);
