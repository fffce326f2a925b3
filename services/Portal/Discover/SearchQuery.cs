using Federation.Contracts.Search;
using Microsoft.AspNetCore.WebUtilities;

namespace Federation.Portal.Discover;

/// <summary>
/// A search as the portal's URL holds it: text, filters by dimension, sort and cursor, with the same names as the
/// catalogue's query string, so that a shared link shows the same results. Changing a filter starts at the first page.
/// </summary>
/// <param name="Translate">Whether the catalogue also searches the text in translation (its default); off when the user switched it off.</param>
public sealed record SearchQuery(string? Text, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters, string? Sort, string? Cursor, bool Translate = true)
{
    /// <summary>The catalogue's filter dimensions (<see cref="SearchDimensions"/>), in the order the portal shows their facets.</summary>
    public static readonly string[] Dimensions = [.. SearchDimensions.All.Select(d => d.Name)];

    private const int PageSize = 20;

    public static SearchQuery From(IQueryCollection query)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var dimension in Dimensions)
        {
            var values = query[dimension].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count > 0)
            {
                filters[dimension] = values;
            }
        }

        return new SearchQuery(Blank(query["q"]), filters, Blank(query["sort"]), Blank(query["cursor"]), query["translate"].ToString() != "false");
    }

    public bool IsActive(string dimension, string value) =>
        Filters.TryGetValue(dimension, out var values) && values.Contains(value, StringComparer.Ordinal);

    public bool HasFilters => Filters.Count > 0;

    /// <summary>The same search with <paramref name="value"/> chosen, or no longer chosen, in <paramref name="dimension"/>.</summary>
    public SearchQuery Toggle(string dimension, string value)
    {
        var filters = Filters.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var values = filters.GetValueOrDefault(dimension) ?? [];
        var changed = values.Contains(value, StringComparer.Ordinal) ? values.Where(v => v != value).ToList() : [.. values, value];
        if (changed.Count == 0)
        {
            filters.Remove(dimension);
        }
        else
        {
            filters[dimension] = changed;
        }

        return this with { Filters = filters, Cursor = null };
    }

    public SearchQuery WithoutFilters() => this with { Filters = new Dictionary<string, IReadOnlyList<string>>(), Cursor = null };

    public SearchQuery SortedBy(string sort) => this with { Sort = sort, Cursor = null };

    public SearchQuery At(string? cursor) => this with { Cursor = cursor };

    /// <summary>The same search with translations on or off, from its first page (a cursor belongs to one of the two).</summary>
    public SearchQuery Translated(bool translate) => this with { Translate = translate, Cursor = null };

    /// <summary>The portal page of this search, under <paramref name="path"/>.</summary>
    public string Url(string path) => QueryHelpers.AddQueryString(path, Parameters(withPageSize: false));

    /// <summary>The catalogue's query string for this search.</summary>
    public string CatalogueQuery() => QueryHelpers.AddQueryString("", Parameters(withPageSize: true)).TrimStart('?');

    private IEnumerable<KeyValuePair<string, string?>> Parameters(bool withPageSize)
    {
        if (Text is not null)
        {
            yield return new("q", Text);
        }

        foreach (var dimension in Dimensions)
        {
            foreach (var value in Filters.GetValueOrDefault(dimension) ?? [])
            {
                yield return new(dimension, value);
            }
        }

        // Relevance needs text; a sort chosen before the text was cleared falls back to the catalogue's default.
        if (Sort is "modified" or "popularity" || (Sort is "relevance" && Text is not null))
        {
            yield return new("sort", Sort);
        }

        if (!Translate)
        {
            yield return new("translate", "false");
        }

        if (Cursor is not null)
        {
            yield return new("cursor", Cursor);
        }

        if (withPageSize)
        {
            yield return new("pageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string? Blank(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();
}
