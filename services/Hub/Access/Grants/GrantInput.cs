namespace Federation.Hub.Access.Grants;

public sealed record GrantInput(string? GranteeKind, string? GranteeHub, string? GranteeSubject, string? GranteeOrganisation, DateTimeOffset? ExpiresAt);

public sealed record RevocationInput(string? Reason);
