namespace Federation.Contracts.Search;

/// <summary>
/// One facet/filter dimension of the catalogue's search, declared once for the catalogue (query string, filter tags,
/// facet counts) and the portal (facet panel, labels).
/// </summary>
/// <param name="Name">The wire name: the query-string parameter, the facet's name in a result and the prefix of its filter tags (<c>name:value</c>).</param>
/// <param name="TagsOf">The values a resource carries for this dimension, read from its snapshot as the catalogue stores it; nulls are skipped.</param>
/// <param name="Allowed">The values a query may ask for, in the order an error lists them; null for free values (checked only for length and control characters).</param>
/// <param name="Case">How values are normalised, both those asked for and those a resource is tagged with.</param>
/// <param name="ValueLabelKey">A format (<c>risk.{0}</c>) for the portal's text key of a value; a value without a text shows as it is.</param>
/// <param name="ValueNames">Names of the values from their vocabulary, shown when there is no text key.</param>
/// <param name="ValuesAreHubs">The values are hub ids, which the portal shows by the hubs' names.</param>
public sealed record SearchDimension(
    string Name,
    Func<ResourceSnapshot, IEnumerable<string?>> TagsOf,
    IReadOnlyList<string>? Allowed = null,
    ValueCase Case = ValueCase.AsGiven,
    string? ValueLabelKey = null,
    IReadOnlyDictionary<string, string>? ValueNames = null,
    bool ValuesAreHubs = false)
{
    /// <summary>The portal's text key of the dimension's heading.</summary>
    public string LabelKey => $"dimension.{Name}";

    public string Normalise(string value) => Case switch
    {
        ValueCase.Upper => value.ToUpperInvariant(),
        ValueCase.Lower => value.ToLowerInvariant(),
        _ => value,
    };
}
