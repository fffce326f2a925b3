namespace Federation.Hub.People.Invitations;

/// <summary>
/// An invitation to become a member of this hub, sent by e-mail. Its link holds a secret of which the hub keeps only a
/// hash; it works once and until it expires.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; }

    public string Email { get; set; } = "";

    public string? DisplayName { get; set; }

    public string OrganisationId { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public string TokenHash { get; set; } = "";

    /// <summary>The join request this invitation answers, when staff approved one.</summary>
    public Guid? JoinRequestId { get; set; }

    public string InvitedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public Guid? AccountId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string StateAt(DateTimeOffset now) =>
        AcceptedAt is not null ? "accepted" : RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "open";
}
