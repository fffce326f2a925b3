using System.Globalization;
using System.Text;
using Federation.Contracts;
using Federation.Contracts.Catalogue;

namespace Federation.Catalogue.Identifiers;

/// <summary>
/// How to cite one version of a resource, in APA 7 and as a BibTeX entry. The creator is the organisation the hub
/// names as publisher; the publisher is the hub that holds it (left out of APA when it is the creator, as APA asks);
/// the version is the publisher's own label where a dataset has one, else the federation's count of its versions; the
/// date is the day that version was made (APA gives its year, as it does for data sets and software; BibTeX the day);
/// the address is the persistent URI, never a page that may move.
/// </summary>
public static class ResourceCitations
{
    private static readonly string[] BibTexMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static ResourceCitation Of(ResourceSnapshot resource, string hubName, Uri persistentUri)
    {
        var version = VersionLabel(resource);
        var date = DateOnly.FromDateTime(resource.ModifiedAt.UtcDateTime);
        var creator = OneLine(resource.Publisher) is { Length: > 0 } publisher ? publisher : OneLine(hubName);
        var holder = OneLine(hubName);
        return new ResourceCitation(persistentUri, version, date,
            Apa(resource, creator, holder, version, date, persistentUri),
            BibTex(resource, creator, holder, version, date, persistentUri));
    }

    /// <summary>The version a citation names: the publisher's own label where a dataset carries one, else the federation's count.</summary>
    public static string VersionLabel(ResourceSnapshot resource) =>
        OneLine(resource.Dataset?.Version ?? "") is { Length: > 0 } label ? label : resource.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The BibTeX key: the same for every version, so a reference manager keeps one entry for the resource.</summary>
    public static string Key(ResourceSnapshot resource) => $"{KeyPart(resource.HubId)}-{resource.Id.ToString("N")[..12]}";

    /// <summary>What APA puts in square brackets after the title: what kind of work it is.</summary>
    public static string KindDescription(ResourceKind kind) => kind switch
    {
        ResourceKind.Dataset => "Data set",
        ResourceKind.Model => "Machine learning model",
        ResourceKind.Expertise => "Expertise offer",
        ResourceKind.Compute => "Compute service",
        _ => "Resource",
    };

    private static string Apa(ResourceSnapshot resource, string creator, string holder, string version, DateOnly date, Uri uri)
    {
        var text = new StringBuilder();
        text.Append(Sentence(creator)).Append(' ')
            .Append('(').Append(date.Year.ToString(CultureInfo.InvariantCulture)).Append("). ")
            .Append(OneLine(resource.Title))
            .Append(" (Version ").Append(version).Append(") [").Append(KindDescription(resource.Kind)).Append("]. ");
        if (!string.Equals(holder, creator, StringComparison.OrdinalIgnoreCase))
        {
            text.Append(Sentence(holder)).Append(' ');
        }

        return text.Append(uri.AbsoluteUri).ToString();
    }

    private static string BibTex(ResourceSnapshot resource, string creator, string holder, string version, DateOnly date, Uri uri)
    {
        var key = Key(resource);
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Double braces keep an organisation a single name and a title's capitals as written.
        return new StringBuilder()
            .Append("@misc{").Append(key).Append(",\n")
            .Append("  author       = {{").Append(Escape(creator)).Append("}},\n")
            .Append("  title        = {{").Append(Escape(OneLine(resource.Title))).Append("}},\n")
            .Append("  year         = {").Append(date.Year.ToString(CultureInfo.InvariantCulture)).Append("},\n")
            .Append("  month        = ").Append(BibTexMonths[date.Month - 1]).Append(",\n")
            .Append("  date         = {").Append(day).Append("},\n")
            .Append("  version      = {").Append(Escape(version)).Append("},\n")
            .Append("  organization = {").Append(Escape(holder)).Append("},\n")
            .Append("  howpublished = {\\url{").Append(uri.AbsoluteUri).Append("}},\n")
            .Append("  url          = {").Append(uri.AbsoluteUri).Append("},\n")
            .Append("  note         = {").Append(KindDescription(resource.Kind)).Append("},\n")
            .Append('}')
            .ToString();
    }

    /// <summary>Text a hub wrote, on one line: line breaks, tabs and other control characters become single spaces.</summary>
    private static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!space)
            {
                line.Append(c);
            }
            else if (line.Length > 0 && line[^1] != ' ')
            {
                line.Append(' ');
            }
        }

        return line.ToString().TrimEnd();
    }

    // APA ends each element with a full stop, but never after one an abbreviation already ends with ("B.V.") nor after
    // a question or exclamation mark.
    private static string Sentence(string text) => text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') ? text : text + ".";

    /// <summary>
    /// Text as a BibTeX value: LaTeX's special characters as their commands, so a title with braces, a percent sign or
    /// a backslash can neither end the field early nor turn into markup. Braces become words (\textbraceleft{}), not
    /// \{: BibTeX counts every brace, escaped or not, so an escaped one would still close the field.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '{' => "\\textbraceleft{}",
                '}' => "\\textbraceright{}",
                '&' => "\\&",
                '%' => "\\%",
                '$' => "\\$",
                '#' => "\\#",
                '_' => "\\_",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    // A citation key is letters, digits and hyphens whatever the hub's id holds.
    private static string KeyPart(string hubId)
    {
        var key = new string([.. hubId.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
        return key.Length > 0 ? key : "resource";
    }
}
