namespace Federation.Contracts.Hub;

/// <summary>
/// The answer to an approval: the request as decided, and the invitation mailed to the person; or, for a person who
/// asked after signing in with their institution, the member made at once (they sign in there, no invitation needed).
/// </summary>
public sealed record JoinApproval(JoinRequestRecord Request, MemberInvitation? Invitation, Guid? MemberId = null);
