using Microsoft.AspNetCore.Components;

namespace Federation.Portal.Resources;

/// <summary>
/// A JSON-LD description as a script element for a page's head, where search engines and data portals read it. The
/// JSON comes from the catalogue, which repeats what hubs wrote: any "&lt;" in it is escaped (valid inside JSON
/// strings, where alone it can occur), so no text can close the script element and become markup.
/// </summary>
public static class JsonLdScript
{
    public static MarkupString Of(string json) => new(
        "<script type=\"application/ld+json\">"
        + json.Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal)
        + "</script>");
}
