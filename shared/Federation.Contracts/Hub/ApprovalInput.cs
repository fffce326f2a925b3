namespace Federation.Contracts.Hub;

/// <summary>Staff approving a request: to whom the grant goes (person, organisation or hub), until when, and why.</summary>
public sealed record ApprovalInput(string? GrantTo, DateTimeOffset? ExpiresAt, string? Reason);
