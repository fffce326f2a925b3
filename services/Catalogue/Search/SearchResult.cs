namespace Federation.Catalogue.Search;

public sealed record SearchResult(
    long Total,
    int Page,
    int PageSize,
    IReadOnlyList<SearchHit> Items,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

public sealed record SearchHit(
    Guid Id,
    string HubId,
    string Kind,
    string Title,
    string Summary,
    string Licence,
    string AccessPolicy,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Themes,
    int Version,
    DateTimeOffset ModifiedAt,
    double Rank);

public sealed record FacetCount(string Value, long Count);
