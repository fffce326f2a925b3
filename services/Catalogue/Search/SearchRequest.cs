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
    SearchCursor? After = null);
