namespace Federation.Hub.Access.Requests;

public sealed record AccessRequestInput(string? Purpose, bool? AcceptTerms);

public sealed record ApprovalInput(string? GrantTo, DateTimeOffset? ExpiresAt, string? Reason);

public sealed record DenialInput(string? Reason);
