using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>Dutch and English: the browser's language first, then the person's own choice, kept across pages.</summary>
public sealed class LanguageSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task Switching_to_English_keeps_the_search_and_is_remembered()
    {
        var page = await OpenAsync("nl-NL", "/?q=model&kind=model");
        Assert.Equal("nl", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Datasets, modellen en expertise van zeven AI-hubs", await page.Locator("h1").TextContentAsync());
        await PortalFixture.ScreenshotAsync(page, "discover-dutch");

        await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("q=model", StringComparison.Ordinal) && url.Contains("kind=model", StringComparison.Ordinal));

        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Datasets, models and expertise of seven AI hubs", await page.Locator("h1").TextContentAsync());
        Assert.All(await page.Locator(".hit .badge").AllTextContentsAsync(), badge => Assert.Equal("Model", badge.Trim()));
        await page.GetByRole(AriaRole.Link, new() { Name = "Federation", Exact = true }).ClickAsync();
        Assert.Equal("The seven hubs", await page.Locator("h1").TextContentAsync());
        await PortalFixture.ScreenshotAsync(page, "federation-english");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nederlands", Exact = true }).ClickAsync();
        Assert.Equal("De zeven hubs", await page.Locator("h1").TextContentAsync());
    }
}
