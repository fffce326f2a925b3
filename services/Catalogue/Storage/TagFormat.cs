using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Federation.Contracts.Search;

namespace Federation.Catalogue.Storage;

/// <summary>
/// The identity of the way search rows are tagged, recorded on every row (<c>catalogue_search.tag_format</c>): a hash
/// of everything in the registry that decides a row's tags, so that a new dimension or a changed case rule makes the
/// catalogue re-tag its rows (<see cref="SearchRowRetagging"/>) without anyone raising a number.
/// </summary>
internal static class TagFormat
{
    /// <summary>
    /// What the registry's declarations cannot show: a selector (<see cref="SearchDimension.TagsOf"/>) that reads other
    /// fields, or <see cref="Ingest.FilterTags"/> building tags another way. Raise it with such a change; a lambda has no
    /// stable text to hash.
    /// </summary>
    private const int SelectorRevision = 1;

    public static readonly string Current = Of(SearchDimensions.All);

    /// <summary>
    /// A stable hash of each dimension's name and case rule. Order does not count (tags are a set), nor do labels and
    /// value names (the portal's display), nor the allowed values: they decide which filters a query may ask for, not
    /// how a resource is tagged, so a new value in a vocabulary must not rewrite every row. Every field is written with
    /// its length in front, so no two different registries read as one text.
    /// </summary>
    public static string Of(IEnumerable<SearchDimension> dimensions, int selectorRevision = SelectorRevision)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"tags/{selectorRevision}");
        foreach (var dimension in dimensions.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            Field(text.Append('|'), dimension.Name);
            Field(text, dimension.Case.ToString());
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static void Field(StringBuilder text, string value) => text.Append(CultureInfo.InvariantCulture, $"{value.Length}:{value}");
}
