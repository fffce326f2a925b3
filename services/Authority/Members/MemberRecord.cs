using Federation.Contracts.Authority;

namespace Federation.Authority.Members;

/// <summary>One row of <c>authority_members</c>.</summary>
public sealed record MemberRecord(
    string MemberId,
    Uri EntityId,
    string DisplayName,
    string Kind,
    Uri Issuer,
    Uri ApiBaseUrl,
    IReadOnlyList<string> PublicKeys,
    MemberState State,
    DateTimeOffset ChangedAt,
    string? Reason);
