using Federation.Contracts.Catalogue;
using Federation.Contracts.Search;
using System.Runtime.InteropServices;

namespace Federation.Catalogue.Search;

/// <summary>
/// Counts facet values from the filter tags of the rows that satisfy all filters but at most one. A row that
/// satisfies all counts for the total and for every dimension; a row that fails one filter counts only for that
/// filter's dimension, which is what choosing another value there would add.
/// </summary>
internal sealed class FacetTally(IReadOnlyList<ActiveFilter> active)
{
    private const int ValuesShown = 25;

    /// <summary>
    /// How a statement hands a row's tags to <see cref="Add"/>: one string with the tags joined by a unit separator,
    /// which no tag contains (the search table's tags replace it). Thousands of rows of a dozen tags arrive for a
    /// sample; as arrays they cost a string and a decode per tag, which was most of the service's work on a search.
    /// </summary>
    public const string TagsColumn = "array_to_string(filter_tags, chr(31))";

    private const char Separator = Ingest.FilterTags.Separator;

    // Counted by whole tag ("dimension:value"), split once at the end; looked up by the span of the joined string, so
    // that a tag seen before costs no string of its own.
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

    private readonly List<Range> tags = [];

    public long Total { get; private set; }

    public long Rows { get; private set; }

    public void Add(string joinedTags)
    {
        Rows++;
        var row = joinedTags.AsSpan();
        tags.Clear();
        if (row.Length > 0)
        {
            foreach (var tag in row.Split(Separator))
            {
                tags.Add(tag);
            }
        }

        ActiveFilter? failed = null;
        foreach (var filter in active)
        {
            if (!Satisfies(row, filter))
            {
                if (failed is not null)
                {
                    return;
                }

                failed = filter;
            }
        }

        if (failed is null)
        {
            Total++;
        }

        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in tags)
        {
            var tag = row[range];
            if (failed is null || IsOf(tag, failed.Dimension))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(lookup, tag, out _)++;
            }
        }
    }

    private bool Satisfies(ReadOnlySpan<char> row, ActiveFilter filter)
    {
        var accepted = filter.Tags.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in tags)
        {
            if (accepted.Contains(row[range]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The most frequent values of each dimension, each count multiplied by <paramref name="scale"/> (the inverse of the sampled fraction).</summary>
    public Dictionary<string, IReadOnlyList<FacetCount>> Facets(double scale)
    {
        var byDimension = counts.ToLookup(count => count.Key[..count.Key.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal);
        return SearchDimensions.All.ToDictionary(
            dimension => dimension.Name,
            dimension => (IReadOnlyList<FacetCount>)byDimension[dimension.Name]
                .Select(count => (Name: count.Key[(dimension.Name.Length + 1)..], Count: count.Value))
                .OrderByDescending(v => v.Count).ThenBy(v => v.Name, StringComparer.Ordinal).Take(ValuesShown)
                .Select(v => new FacetCount(v.Name, Estimate(v.Count, scale))).ToList());
    }

    private static bool IsOf(ReadOnlySpan<char> tag, string dimension) =>
        tag.Length > dimension.Length && tag[dimension.Length] == ':' && tag.StartsWith(dimension, StringComparison.Ordinal);

    /// <summary>A count scaled up from a sample, to two significant digits: more would claim a precision it lacks.</summary>
    public static long Estimate(long counted, double scale)
    {
        if (scale == 1)
        {
            return counted;
        }

        var estimate = counted * scale;
        if (estimate < 100)
        {
            return (long)Math.Round(estimate);
        }

        var unit = Math.Pow(10, Math.Floor(Math.Log10(estimate)) - 1);
        return (long)(Math.Round(estimate / unit) * unit);
    }
}
