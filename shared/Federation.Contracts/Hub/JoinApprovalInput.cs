namespace Federation.Contracts.Hub;

/// <summary>
/// Staff approving a join request (POST /members/join-requests/{id}/approve): into an existing organisation, or, without
/// one, into a new organisation made from what the person gave; roles default to member.
/// </summary>
public sealed record JoinApprovalInput(string? OrganisationId = null, IReadOnlyList<string>? Roles = null);
