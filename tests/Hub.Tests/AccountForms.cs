using System.Net;
using System.Text.RegularExpressions;

namespace Federation.Hub.Tests;

/// <summary>Filling in the hub's pages for people as a browser does: the page first (for its antiforgery token), then the form.</summary>
internal static partial class AccountForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string pageUrl, IReadOnlyDictionary<string, string> fields, string? postUrl = null)
    {
        var page = await browser.GetStringAsync(pageUrl);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Antiforgery(page) };
        return await browser.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(form));
    }

    public static string Antiforgery(string page) => WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);

    /// <summary>The path and query of a link in a mail, for a client whose base address is the hub.</summary>
    public static string PathOf(Uri link) => link.PathAndQuery;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}
