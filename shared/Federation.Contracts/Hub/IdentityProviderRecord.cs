namespace Federation.Contracts.Hub;

/// <summary>
/// An upstream identity provider a hub trusts for "sign in with your institution" (GET /identity-providers, for staff),
/// as configured: never its client secret.
/// </summary>
public sealed record IdentityProviderRecord(
    string Name,
    string DisplayName,
    string Issuer,
    string ClientId,
    IReadOnlyList<string> Scopes,
    IReadOnlyDictionary<string, string> ClaimNames,
    IReadOnlyList<AdmissionRuleRecord> AdmissionRules);

/// <summary>Who of a provider's people the hub admits by itself, and as what; anyone else asks to join and waits for staff.</summary>
public sealed record AdmissionRuleRecord(
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> Affiliations,
    string OrganisationId,
    string OrganisationName,
    string OrganisationType,
    IReadOnlyList<string> Roles);
