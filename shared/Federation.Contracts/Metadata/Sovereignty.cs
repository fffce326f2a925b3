namespace Federation.Contracts.Metadata;

/// <summary>
/// Where a resource's data is stored and processed, and under which jurisdiction: the facts European strategic
/// autonomy asks for. The holding hub is the resource's hub; countries are ISO 3166-1 alpha-2 codes.
/// </summary>
public sealed record Sovereignty(string StorageCountry, IReadOnlyList<string>? ProcessingCountries = null, string? Jurisdiction = null);
