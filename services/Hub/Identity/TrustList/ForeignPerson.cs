namespace Federation.Hub.Identity.TrustList;

/// <summary>The person a valid foreign token describes, as far as this hub cares to know.</summary>
public sealed record ForeignPerson(
    string HomeHub,
    string HomeSubject,
    string Name,
    string? OrganisationId,
    string? OrganisationName,
    string? OrganisationType,
    IReadOnlyList<string> HomeRoles,
    DateTime ExpiresAt);
