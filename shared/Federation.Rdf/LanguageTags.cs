using System.Text.RegularExpressions;

namespace Federation.Rdf;

/// <summary>
/// Language tags as RDF literals carry them (BCP 47's shape: letters, then subtags of letters and digits joined by
/// hyphens). Readers keep them lower-case, so that "nl-NL" and "nl-nl" are one literal, as RDF 1.1 compares them.
/// </summary>
public static partial class LanguageTags
{
    public static bool IsValid(string tag) => tag.Length <= 64 && Shape().IsMatch(tag);

    public static string Normalise(string tag) => tag.ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
