using System.Globalization;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

public sealed class FederationPageSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task The_federation_page_shows_all_seven_hubs_and_the_AI_factory_in_sync_with_their_resource_counts()
    {
        var page = await OpenAsync("en", "/federation");

        var rows = page.Locator("table.hubs tbody tr");
        Assert.Equal(8, await rows.CountAsync());
        Assert.Equal(7, await page.Locator("table.hubs tbody tr[data-kind=hub]").CountAsync());
        var factory = page.Locator("table.hubs tbody tr[data-kind=facility]");
        Assert.Equal("AI-fabriek Groningen", (await factory.Locator("th").TextContentAsync())?.Trim());
        Assert.Equal("Compute facility", (await factory.Locator("td").First.TextContentAsync())?.Trim());
        Assert.All(await page.Locator("table.hubs .state").AllTextContentsAsync(), state => Assert.Equal("In sync", state.Trim()));
        var counts = new List<int>();
        foreach (var row in await rows.AllAsync())
        {
            counts.Add(int.Parse((await row.Locator("td").Nth(2).TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
        }

        Assert.All(counts, count => Assert.True(count > 0));
        Assert.Contains($"8 of 8 members in sync; {counts.Sum():N0} resources searchable.", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);

        await PortalFixture.ScreenshotAsync(page, "federation");

        await page.GetByRole(AriaRole.Link, new() { Name = "AI-hub Brainport" }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("hub=brainport", StringComparison.Ordinal));
    }
}
