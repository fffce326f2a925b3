using Federation.Contracts.Search;
using Federation.Portal.Catalogue;
using Federation.Portal.Language;

namespace Federation.Portal.Discover;

/// <summary>
/// How a facet value reads for a person, as its dimension declares (<see cref="SearchDimensions"/>): a text in their
/// language, the name its vocabulary gives it, a hub's name, or the value itself.
/// </summary>
public static class FacetLabels
{
    public static string Of(PortalText text, SearchDimension dimension, string value, IReadOnlyDictionary<string, string> hubNames) => dimension switch
    {
        { ValuesAreHubs: true } => HubDirectory.NameOf(hubNames, value),
        { ValueLabelKey: { } key } when PortalText.Has(KeyOf(key, value)) => text[KeyOf(key, value)],
        { ValueNames: { } names } when names.TryGetValue(value, out var name) => name,
        _ => value,
    };

    /// <summary>The text key of a value, from its dimension's <see cref="SearchDimension.ValueLabelKey"/>.</summary>
    public static string KeyOf(string valueLabelKey, string value) => valueLabelKey.Replace("{0}", value, StringComparison.Ordinal);
}
