namespace Federation.Contracts.Hub;

/// <summary>
/// Everything a hub holds about one of its members (GET /me/data), as the GDPR's right of access asks: the account,
/// its organisation, the access requests and introductions the person asked for and the grants made to them at this
/// hub, the notifications kept for them, the requests to join and invitations sent to their e-mail address, and the
/// audit records that name them. What other hubs hold about the person (their requests there, for instance) is asked of
/// those hubs. <see cref="Truncated"/> names the lists cut at their most recent entries (10,000 each); the rest is asked
/// of the hub's staff.
/// </summary>
public sealed record MyData(
    DateTimeOffset ExportedAt,
    string HubId,
    MyProfile Profile,
    OrganisationRecord? Organisation,
    IReadOnlyList<AccessRequest> AccessRequests,
    IReadOnlyList<Introduction> Introductions,
    IReadOnlyList<Grant> Grants,
    IReadOnlyList<Notification> Notifications,
    IReadOnlyList<AuditRecord> AuditRecords,
    IReadOnlyList<JoinRequestRecord> JoinRequests,
    IReadOnlyList<MemberInvitation> Invitations,
    IReadOnlyList<string> Truncated);

/// <summary>The account itself: how the person is known and signs in (never a password hash or a second-factor secret).</summary>
public sealed record MyProfile(
    Guid Id,
    string Username,
    string DisplayName,
    string Email,
    bool EmailConfirmed,
    string OrganisationId,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    bool HasPassword,
    bool TwoFactorEnabled,
    IReadOnlyList<string> SignInProviders,
    DateTimeOffset? SuspendedAt);

/// <summary>Closing one's own account (POST /me/close): the username typed again, as the confirmation that it is meant.</summary>
public sealed record AccountClosureInput(string? ConfirmUsername);
