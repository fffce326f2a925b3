namespace Federation.Catalogue.Search;

/// <summary>
/// Counts facet values from the filter tags of the rows that satisfy all filters but at most one. A row that
/// satisfies all counts for the total and for every dimension; a row that fails one filter counts only for that
/// filter's dimension, which is what choosing another value there would add.
/// </summary>
internal sealed class FacetTally(IReadOnlyList<ActiveFilter> active)
{
    private const int ValuesShown = 25;

    private readonly Dictionary<string, Dictionary<string, long>> counts =
        SearchFilter.Dimensions.ToDictionary(d => d, _ => new Dictionary<string, long>(StringComparer.Ordinal));

    public long Total { get; private set; }

    public long Rows { get; private set; }

    public void Add(string[] tags)
    {
        Rows++;
        ActiveFilter? failed = null;
        foreach (var filter in active)
        {
            if (!tags.Any(filter.Tags.Contains))
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

        foreach (var tag in tags)
        {
            var colon = tag.IndexOf(':', StringComparison.Ordinal);
            var dimension = tag[..colon];
            if (failed is null || failed.Dimension == dimension)
            {
                var values = counts[dimension];
                values[tag[(colon + 1)..]] = values.GetValueOrDefault(tag[(colon + 1)..]) + 1;
            }
        }
    }

    /// <summary>The most frequent values of each dimension, each count multiplied by <paramref name="scale"/> (the inverse of the sampled fraction).</summary>
    public Dictionary<string, IReadOnlyList<FacetCount>> Facets(double scale) =>
        counts.ToDictionary(
            dimension => dimension.Key,
            dimension => (IReadOnlyList<FacetCount>)dimension.Value
                .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(ValuesShown)
                .Select(v => new FacetCount(v.Key, Estimate(v.Value, scale))).ToList());

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
