using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace Federation.Portal.Discover;

/// <summary>
/// A search snippet as markup. The catalogue sends the summary escaped with the matched words in &lt;mark&gt;; the
/// portal still checks that nothing else in it is markup before it trusts it, and shows it as text otherwise.
/// </summary>
public static partial class SafeSnippet
{
    public static MarkupString ToMarkup(string? snippet)
    {
        if (string.IsNullOrEmpty(snippet))
        {
            return new MarkupString("");
        }

        var withoutMarks = MarkTag().Replace(snippet, "");
        return new MarkupString(withoutMarks.Contains('<', StringComparison.Ordinal) || withoutMarks.Contains('>', StringComparison.Ordinal)
            ? WebUtility.HtmlEncode(WebUtility.HtmlDecode(withoutMarks))
            : snippet);
    }

    [GeneratedRegex("</?mark>")]
    private static partial Regex MarkTag();
}
