using System.Globalization;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

public sealed class FederationPageSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task The_federation_page_shows_all_seven_hubs_in_sync_with_their_resource_counts()
    {
        var page = await OpenAsync("en", "/federation");

        var rows = page.Locator("table.hubs tbody tr");
        Assert.Equal(7, await rows.CountAsync());
        Assert.All(await page.Locator("table.hubs .state").AllTextContentsAsync(), state => Assert.Equal("In sync", state.Trim()));
        var counts = new List<int>();
        foreach (var row in await rows.AllAsync())
        {
            counts.Add(int.Parse((await row.Locator("td").Nth(1).TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
        }

        Assert.All(counts, count => Assert.True(count > 0));
        Assert.Contains($"7 of 7 hubs in sync; {counts.Sum():N0} resources searchable.", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);

        await PortalFixture.ScreenshotAsync(page, "federation");

        await page.GetByRole(AriaRole.Link, new() { Name = "AI-hub Brainport" }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("hub=brainport", StringComparison.Ordinal));
    }
}
