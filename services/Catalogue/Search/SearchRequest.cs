using Federation.Contracts.Search;

namespace Federation.Catalogue.Search;

/// <summary>
/// A search over the whole federation. Values of one filter are alternatives (kind=dataset&amp;kind=model); different
/// filters must all hold.
/// </summary>
/// <param name="Translate">Whether the text is also searched in translation (the vocabulary's other terms); on unless switched off.</param>
/// <param name="Filters">The values asked for, normalised, by dimension name (<see cref="SearchDimensions"/>); dimensions without values are absent.</param>
public sealed record SearchRequest(
    string? Text,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    int Page,
    int PageSize,
    SearchSort Sort = SearchSort.Relevance,
    SearchCursor? After = null,
    bool Translate = true)
{
    public IReadOnlyList<string> ValuesOf(SearchDimension dimension) => Filters.GetValueOrDefault(dimension.Name) ?? [];
}
