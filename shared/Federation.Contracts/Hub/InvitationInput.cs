namespace Federation.Contracts.Hub;

/// <summary>Staff inviting someone by e-mail (POST /members/invitations) into one of the hub's organisations; roles default to member.</summary>
public sealed record InvitationInput(string? Email, string? OrganisationId, string? DisplayName = null, IReadOnlyList<string>? Roles = null);
