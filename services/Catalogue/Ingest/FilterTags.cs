using System.Text;
using Federation.Contracts;
using Federation.Contracts.Search;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// A resource's filter tags (<c>dimension:value</c>, one per value of each of <see cref="SearchDimensions.All"/>), the
/// column that search filters on and counts facets from, and the tags a filter asks for, made the same way.
/// </summary>
internal static class FilterTags
{
    /// <summary>
    /// The unit separator: a row's tags travel to the database, and from it to the facet tally, joined by it. No tag
    /// holds one (a value's is replaced by a space), and no filter can ask for one: control characters are refused.
    /// </summary>
    public const char Separator = '\u001f';

    public static string Of(SearchDimension dimension, string value) =>
        $"{dimension.Name}:{dimension.Normalise(value).Replace(Separator, ' ')}";

    /// <summary>Every tag of a resource, joined by <see cref="Separator"/>, each once (a value given twice is counted once).</summary>
    public static string Joined(ResourceSnapshot resource)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        var joined = new StringBuilder();
        foreach (var dimension in SearchDimensions.All)
        {
            foreach (var value in dimension.TagsOf(resource))
            {
                if (value is not null && Of(dimension, value) is var tag && tags.Add(tag))
                {
                    (joined.Length == 0 ? joined : joined.Append(Separator)).Append(tag);
                }
            }
        }

        return joined.ToString();
    }
}
