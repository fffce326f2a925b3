using Federation.Contracts.Hub;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>A Dutch search that also finds English resources says so ("Ook gezocht: …"), and the user can switch it off and on.</summary>
public sealed class TranslatedSearchSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task A_translated_search_names_its_translations_and_can_be_switched_off_and_on()
    {
        // A word of this test's own in both titles, so that the demo data's satellite resources do not count.
        var token = "kw" + Guid.NewGuid().ToString("N")[..10].Replace('0', 'x');
        await PublishAsync("brainport", Resource($"Satellietbeelden van akkers {token}", "Opnamen van akkers in Brabant."));
        await PublishAsync("amsterdam", Resource($"Satellite imagery of canals {token}", "Tiles over the canal belt."));

        var page = await OpenAsync("nl", $"/?q={Uri.EscapeDataString($"satellietbeelden {token}")}");
        var titles = await page.Locator(".hit h3").AllTextContentsAsync();
        Assert.Equal([$"Satellietbeelden van akkers {token}", $"Satellite imagery of canals {token}"], titles.Select(t => t.Trim()));
        var line = page.Locator(".also-searched");
        Assert.Contains("Ook gezocht:", await line.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("satellite imagery", await line.TextContentAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "search-also-searched");

        await page.GetByRole(AriaRole.Link, new() { Name = "Zoek zonder vertalingen" }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("translate=false", StringComparison.Ordinal));
        Assert.Equal([$"Satellietbeelden van akkers {token}"], (await page.Locator(".hit h3").AllTextContentsAsync()).Select(t => t.Trim()));
        Assert.Contains("Gezocht zonder vertalingen.", await line.TextContentAsync(), StringComparison.Ordinal);

        // A new search from the box keeps the choice, until it is switched on again.
        await page.GetByLabel("Zoek in de federatie").FillAsync($"satellietbeelden {token} akkers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("akkers", StringComparison.Ordinal) && url.Contains("translate=false", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Link, new() { Name = "Ook vertalingen zoeken" }).ClickAsync();
        await page.WaitForPageAsync(url => !url.Contains("translate=", StringComparison.Ordinal));
        Assert.Contains("Ook gezocht:", await line.TextContentAsync(), StringComparison.Ordinal);
    }

    private static ResourceInput Resource(string title, string summary) => new()
    {
        Kind = "dataset", Title = title, Summary = summary, Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "Test",
    };
}
