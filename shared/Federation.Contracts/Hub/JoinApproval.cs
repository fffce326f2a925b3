namespace Federation.Contracts.Hub;

/// <summary>The answer to an approval: the request as decided, and the invitation mailed to the person.</summary>
public sealed record JoinApproval(JoinRequestRecord Request, MemberInvitation Invitation);
