namespace Federation.Contracts.Hub;

/// <summary>
/// Permission to use one resource: for one person (<see cref="GranteeSubject"/> at <see cref="GranteeHub"/>), for all
/// members of one organisation of a hub, or for all members of a hub. Live from granting until it expires or is revoked.
/// </summary>
public sealed record Grant(
    Guid Id,
    Guid ResourceId,
    string GranteeKind,
    string GranteeHub,
    string? GranteeSubject,
    string? GranteeOrganisation,
    Guid? RequestId,
    string GrantedBy,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    string? RevokeReason)
{
    public const string Person = "person";
    public const string Organisation = "organisation";
    public const string WholeHub = "hub";

    public bool IsLiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
