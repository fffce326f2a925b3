namespace Federation.Testing;

/// <summary>A dataset of a source catalogue, with what DCAT-AP-NL portals say of one.</summary>
public sealed record SourceDataset(
    string Identifier,
    string Title,
    string Description = "Gegevens van de gemeente, elke maand bijgewerkt.",
    string Keyword = "open data",
    string Theme = "GOVE",
    string Licence = "https://creativecommons.org/licenses/by/4.0/deed.nl",
    string Modified = "2024-11-01T08:00:00Z");
