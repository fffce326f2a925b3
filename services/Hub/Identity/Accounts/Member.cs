namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// A person whose home is this hub, as the hub's tokens and messages describe them. Their id is the <c>sub</c> of
/// every token the hub issues them; the security stamp changes whenever their password, roles or standing change.
/// </summary>
public sealed record Member(
    Guid Id,
    string Username,
    string DisplayName,
    string Email,
    Organisation Organisation,
    IReadOnlyList<string> Roles,
    DateTimeOffset? SuspendedAt,
    string SecurityStamp)
{
    public bool IsActive => SuspendedAt is null;
}

public sealed record Organisation(string Id, string Name, OrganisationType Type);
