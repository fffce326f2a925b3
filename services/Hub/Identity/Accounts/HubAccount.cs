using Microsoft.AspNetCore.Identity;

namespace Federation.Hub.Identity.Accounts;

/// <summary>
/// A person's account at this hub, kept by ASP.NET Core Identity (password hash, lockout, second factor, security
/// stamp). Its id is the <c>sub</c> of every token the hub issues them; <see cref="Member"/> is what the rest of the
/// hub reads of it.
/// </summary>
public sealed class HubAccount : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public string OrganisationId { get; set; } = "";

    public HubOrganisation? Organisation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while staff have suspended the account: it cannot sign in, and its sessions and tokens end.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public string? SuspensionReason { get; set; }
}
