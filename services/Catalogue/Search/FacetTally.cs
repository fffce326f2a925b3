namespace Federation.Catalogue.Search;

/// <summary>
/// Counts facet values from the filter tags of the rows that satisfy all filters but at most one. A row that
/// satisfies all counts for the total and for every dimension; a row that fails one filter counts only for that
/// filter's dimension, which is what choosing another value there would add.
/// </summary>
internal sealed class FacetTally(IReadOnlyList<ActiveFilter> active)
{
    private const int ValuesShown = 25;

    // Counted by whole tag ("dimension:value"), split once at the end: a sample has thousands of rows of a dozen tags.
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

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
            if (failed is null || IsOf(tag, failed.Dimension))
            {
                counts[tag] = counts.GetValueOrDefault(tag) + 1;
            }
        }
    }

    /// <summary>The most frequent values of each dimension, each count multiplied by <paramref name="scale"/> (the inverse of the sampled fraction).</summary>
    public Dictionary<string, IReadOnlyList<FacetCount>> Facets(double scale)
    {
        var byDimension = counts.ToLookup(count => count.Key[..count.Key.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal);
        return SearchFilter.Dimensions.ToDictionary(
            dimension => dimension,
            dimension => (IReadOnlyList<FacetCount>)byDimension[dimension]
                .Select(count => (Name: count.Key[(dimension.Length + 1)..], Count: count.Value))
                .OrderByDescending(v => v.Count).ThenBy(v => v.Name, StringComparer.Ordinal).Take(ValuesShown)
                .Select(v => new FacetCount(v.Name, Estimate(v.Count, scale))).ToList());
    }

    private static bool IsOf(string tag, string dimension) =>
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
