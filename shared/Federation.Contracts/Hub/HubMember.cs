namespace Federation.Contracts.Hub;

/// <summary>A member of a hub as its staff see them (GET /members): what running the membership needs, nothing more.</summary>
public sealed record HubMember(
    Guid Id,
    string Username,
    string DisplayName,
    string Email,
    string OrganisationId,
    string OrganisationName,
    string OrganisationType,
    IReadOnlyList<string> Roles,
    string State,
    bool TwoFactor,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SuspendedAt,
    string? SuspensionReason)
{
    public const string Active = "active";
    public const string Suspended = "suspended";
}
