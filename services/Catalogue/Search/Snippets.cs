using System.Text.Encodings.Web;

namespace Federation.Catalogue.Search;

/// <summary>Turns a snippet from the database into safe HTML: everything escaped, then the matched words marked.</summary>
internal static class Snippets
{
    private const char Start = '\uE000';
    private const char Stop = '\uE001';

    public static string? ToHtml(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var html = new System.Text.StringBuilder(raw.Length + 32);
        var marked = false;
        foreach (var piece in raw.Split([Start, Stop]))
        {
            html.Append(HtmlEncoder.Default.Encode(piece));
            html.Append(marked ? "</mark>" : "<mark>");
            marked = !marked;
        }

        // Every piece but the last was followed by a sentinel; drop the tag appended after the last piece.
        html.Length -= marked ? "<mark>".Length : "</mark>".Length;
        return html.ToString();
    }
}
