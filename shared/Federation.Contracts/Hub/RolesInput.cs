namespace Federation.Contracts.Hub;

/// <summary>A member's roles as staff set them (PUT /members/{id}/roles): hub-staff and/or member (staff are members too).</summary>
public sealed record RolesInput(IReadOnlyList<string>? Roles);
