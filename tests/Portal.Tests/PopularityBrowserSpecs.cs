using Federation.Contracts.Hub;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>Use counted at a hub shows on hit cards and resource pages, orders "most used", and a resource page lists similar resources.</summary>
public sealed class PopularityBrowserSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task The_most_used_comes_first_shows_its_use_and_lists_what_is_like_it()
    {
        var token = "pop" + Guid.NewGuid().ToString("N")[..10].Replace('0', 'x');
        var used = await PublishAsync("brainport", Dataset($"Fietstellingen Eindhoven {token}"));
        var other = await PublishAsync("amsterdam", Dataset($"Fietstellingen Amsterdam {token}"));
        var staff = Hub("brainport").StaffClient();
        var bytes = "dag,fietsen\n1,100\n"u8.ToArray();
        var artifact = await staff.UploadArtifactAsync(used, "tellingen.csv", new MemoryStream(bytes), "text/csv", bytes.Length, CancellationToken.None)
            .EnsureSuccessAsync();
        // Two people: the hub's staff, and someone without an account (counted once a day).
        foreach (var downloader in new[] { staff, Hub("brainport").HubClient() })
        {
            using var response = await downloader.OpenArtifactAsync(used, artifact.Id, CancellationToken.None).EnsureSuccessAsync();
        }

        await Eventually.Until(() => Catalogue.CatalogueClient().GetResourceAsync(used, CancellationToken.None).EnsureSuccessAsync(),
            r => r.Use.Downloads == 2, TimeSpan.FromSeconds(30), "the downloads to reach the catalogue");

        var page = await OpenAsync("nl", $"/?q={token}");
        await page.GetByRole(AriaRole.Link, new() { Name = "meest gebruikt" }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("sort=popularity", StringComparison.Ordinal));
        var first = page.Locator(".hit").First;
        Assert.Equal($"Fietstellingen Eindhoven {token}", (await first.Locator("h3").TextContentAsync())!.Trim());
        Assert.Equal("2 downloads", (await first.Locator(".use").TextContentAsync())!.Trim());

        await first.Locator("h3 a").ClickAsync();
        await page.WaitForPageAsync(url => url.Contains($"/resources/{used}", StringComparison.Ordinal));
        Assert.Equal("2 downloads", (await page.Locator("header .use").TextContentAsync())!.Trim());
        var similar = page.Locator("section[aria-labelledby=similar-heading] li a");
        Assert.Contains($"Fietstellingen Amsterdam {token}", await similar.AllTextContentsAsync());
        await PortalFixture.ScreenshotAsync(page, "resource-similar-and-use");
    }

    private static ResourceInput Dataset(string title) => new()
    {
        Kind = "dataset", Title = title, Summary = "Tellingen van fietsers per dag.", Licence = "CC-BY-4.0", AccessPolicy = "open",
        Publisher = "Test", Keywords = ["fietsen", "mobiliteit"],
    };
}
