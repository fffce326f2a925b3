namespace Federation.Contracts.Hub;

/// <summary>
/// Everything a hub holds about one of its members (GET /me/data), as the GDPR's right of access asks: the account,
/// its organisation, the access requests and introductions the person asked for and the grants made to them at this
/// hub, the notifications kept for them, the requests to join and invitations sent to their e-mail address, the mail
/// the hub still keeps of what it wrote them, and the audit records that name them (as actor, as subject, or as
/// grantee of a grant). What other hubs hold about the person (their requests there, for instance) is asked of
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
    IReadOnlyList<MailRecord> Mails,
    IReadOnlyList<string> Truncated);

/// <summary>
/// A message the hub wrote to the person and still keeps: its subject and when it was written and sent. The text
/// itself is emptied once the mail server took it (it may hold a link that works once), and the record goes 7 days
/// later; mail not yet sent is still being tried.
/// </summary>
public sealed record MailRecord(string Subject, DateTimeOffset WrittenAt, DateTimeOffset? SentAt);

/// <summary>An institution's sign-in linked to the account: the provider, and the id the provider knows the person by.</summary>
public sealed record LinkedSignIn(string Provider, string ProviderName, string Subject);

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
    DateTimeOffset? SuspendedAt,
    string? SuspensionReason,
    IReadOnlyList<LinkedSignIn> LinkedSignIns);

/// <summary>Closing one's own account (POST /me/close): the username typed again, as the confirmation that it is meant.</summary>
public sealed record AccountClosureInput(string? ConfirmUsername);
