namespace Federation.Contracts.Hub;

/// <summary>Where a resource's data is stored and processed, and under which jurisdiction, as staff send it.</summary>
public sealed record SovereigntyInput(string? StorageCountry, IReadOnlyList<string?>? ProcessingCountries, string? Jurisdiction);
