namespace Federation.Contracts.Authority;

/// <summary>Why the authority suspends, reinstates or removes a member: recorded in its audit log.</summary>
public sealed record MemberChange(string Reason);
