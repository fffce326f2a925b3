namespace Federation.Hub.Identity.Accounts;

/// <summary>A person whose home is this hub. Their id is the <c>sub</c> of every token the hub issues them.</summary>
public sealed record Member(
    Guid Id,
    string Username,
    string DisplayName,
    string Email,
    Organisation Organisation,
    IReadOnlyList<string> Roles,
    DateTimeOffset? DisabledAt)
{
    public bool IsActive => DisabledAt is null;
}

public sealed record Organisation(string Id, string Name, OrganisationType Type);
