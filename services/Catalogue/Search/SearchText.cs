using System.Text.RegularExpressions;

namespace Federation.Catalogue.Search;

/// <summary>
/// The search text split into what PostgreSQL's web-search syntax understands (words, "quoted phrases", OR,
/// -exclusions) and prefix terms written as <c>word*</c>, which that syntax lacks. Prefix terms are reduced to
/// letters and digits before they reach <c>to_tsquery</c>, so no text can inject tsquery operators.
/// </summary>
public static partial class SearchText
{
    public static (string? WebSearch, string? Prefixes) Split(string text)
    {
        var prefixes = PrefixTerm().Matches(text).Select(match => match.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();
        var rest = PrefixTerm().Replace(text, " ").Trim();
        return (rest.Any(char.IsLetterOrDigit) ? rest : null, prefixes.Count == 0 ? null : string.Join(" & ", prefixes.Select(p => p + ":*")));
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])([\p{L}\p{N}]{2,40})\*")]
    private static partial Regex PrefixTerm();
}
