using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// Waiting for the page an action leads to. Playwright's <c>WaitForURLAsync</c> checks the URL and then waits for the
/// <c>load</c> event; an event that comes between the check and the wait is missed, and the wait times out on a page
/// long loaded (playwright-dotnet issue 3364; seen here after "Mark as read", once in about twenty runs). This polls
/// the URL and the document's <c>readyState</c> instead, which no event can slip past.
/// </summary>
public static class PageLoads
{
    /// <summary>Until the page is at <paramref name="pathAndQuery"/> of the portal (exactly), with its document loaded.</summary>
    public static Task WaitForPageAsync(this IPage page, string pathAndQuery, TimeSpan? timeout = null) =>
        page.WaitForPageAsync(url => Uri.TryCreate(url, UriKind.Absolute, out var at) && at.PathAndQuery == pathAndQuery, timeout, pathAndQuery);

    /// <summary>Until the page's URL satisfies <paramref name="isWanted"/>, with its document loaded.</summary>
    public static Task WaitForPageAsync(this IPage page, Func<string, bool> isWanted, TimeSpan? timeout = null, string? what = null) =>
        Eventually.Until(async () => isWanted(page.Url) && await IsLoadedAsync(page), loaded => loaded, timeout ?? TimeSpan.FromSeconds(30),
            $"the page {what ?? "an action leads to"} to be loaded");

    private static async Task<bool> IsLoadedAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("document.readyState") == "complete";
        }
        catch (PlaywrightException)
        {
            // The document was replaced while it was asked (the navigation is still going on): ask again.
            return false;
        }
    }
}
