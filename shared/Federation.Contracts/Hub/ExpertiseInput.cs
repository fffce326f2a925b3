namespace Federation.Contracts.Hub;

/// <summary>The profile of an expertise offer, as staff send it.</summary>
public sealed record ExpertiseInput(
    string? ProviderKind, IReadOnlyList<string?>? Skills, IReadOnlyList<string?>? Tags, IReadOnlyList<string?>? Sectors, string? Region,
    IReadOnlyList<string?>? Languages, string? Availability, string? EngagementTerms, bool? WantsContact);
