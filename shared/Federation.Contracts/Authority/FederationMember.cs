namespace Federation.Contracts.Authority;

/// <summary>A member as the authority keeps it: what it said when admitting it, its state and the ids of its keys.</summary>
public sealed record FederationMember(
    string MemberId,
    Uri EntityId,
    string DisplayName,
    string Kind,
    Uri Issuer,
    Uri ApiBaseUrl,
    IReadOnlyList<string> KeyIds,
    MemberState State,
    DateTimeOffset ChangedAt,
    string? Reason);
