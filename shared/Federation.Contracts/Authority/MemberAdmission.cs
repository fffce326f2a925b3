namespace Federation.Contracts.Authority;

/// <summary>
/// What the federation authority records when it admits a member (or changes one): its entity id (the URL its own
/// entity configuration is published under), the name people see, its kind, the issuer of its tokens, where its API
/// is, and the public federation keys (PEM) its messages and statements are signed with; two during a rollover.
/// </summary>
public sealed record MemberAdmission(
    Uri EntityId,
    string DisplayName,
    string Kind,
    Uri Issuer,
    Uri ApiBaseUrl,
    IReadOnlyList<string> PublicKeys);
