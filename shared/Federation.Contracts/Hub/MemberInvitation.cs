namespace Federation.Contracts.Hub;

/// <summary>
/// An invitation to become a member (GET /members/invitations): open, accepted, expired or revoked. Never its secret,
/// which only the invited person's mailbox holds.
/// </summary>
public sealed record MemberInvitation(
    Guid Id,
    string Email,
    string? DisplayName,
    string OrganisationId,
    IReadOnlyList<string> Roles,
    string State,
    Guid? JoinRequestId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt);
