namespace Federation.Contracts.Metadata;

/// <summary>
/// Who offers expertise (an organisation, a team or a person), in which skills (shared vocabulary plus free tags),
/// for which sectors and region, in which languages, how available, on what terms, and whether they want contact.
/// </summary>
public sealed record ExpertiseProfile(
    string ProviderKind,
    IReadOnlyList<string>? Skills = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? Sectors = null,
    string? Region = null,
    IReadOnlyList<string>? Languages = null,
    string? Availability = null,
    string? EngagementTerms = null,
    bool WantsContact = true);
