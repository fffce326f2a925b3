using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// The main pages checked by axe-core (WCAG 2.1 A and AA rules: labels, names, structure, landmarks, colour
/// contrast) in the browser, in both languages. A page passes with no violation at all.
/// </summary>
public sealed class AccessibilitySpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Theory]
    [InlineData("en", "/")]
    [InlineData("nl", "/?q=data&kind=dataset&accessPolicy=open")]
    [InlineData("en", "/expertise")]
    [InlineData("nl", "/compute?eligibility=sme")]
    [InlineData("nl", "/federation")]
    [InlineData("en", "/sign-in")]
    [InlineData("en", "/no-such-page")]
    public async Task A_page_has_no_accessibility_violations(string language, string path)
    {
        var page = await OpenAsync(language, path);

        Assert.Empty(await page.AccessibilityViolationsAsync());
    }

    [Theory]
    [InlineData("dataset")]
    [InlineData("compute")]
    public async Task A_resource_page_has_no_accessibility_violations(string kind)
    {
        var hit = (await Catalogue.Http.GetFromJsonAsync<JsonElement>($"search?kind={kind}&pageSize=1")).GetProperty("items")[0];
        var page = await OpenAsync("nl", $"/resources/{hit.GetProperty("id").GetString()}");

        Assert.Empty(await page.AccessibilityViolationsAsync());
    }
}
