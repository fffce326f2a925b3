namespace Federation.Contracts.Hub;

/// <summary>
/// Staff granting access directly (POST /resources/{id}/grants): to a person, an organisation of a hub, or a whole hub
/// (<see cref="Grant.Person"/>, <see cref="Grant.Organisation"/>, <see cref="Grant.WholeHub"/>), until when.
/// </summary>
public sealed record GrantInput(string? GranteeKind, string? GranteeHub, string? GranteeSubject, string? GranteeOrganisation, DateTimeOffset? ExpiresAt);
