namespace Federation.Catalogue.Search;

/// <summary>
/// A search over the whole federation. Values of one filter are alternatives (kind=dataset&amp;kind=model); different
/// filters must all hold.
/// </summary>
public sealed record SearchRequest(
    string? Text,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Hubs,
    IReadOnlyList<string> Licences,
    IReadOnlyList<string> AccessPolicies,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Themes,
    int Page,
    int PageSize,
    SearchSort Sort = SearchSort.Relevance,
    SearchCursor? After = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? MetadataFilters = null)
{
    /// <summary>Filters on the metadata by kind (riskClass, modality, task, personalData, storageCountry, sector, skill, region, availability).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Metadata => MetadataFilters ?? new Dictionary<string, IReadOnlyList<string>>();
}
