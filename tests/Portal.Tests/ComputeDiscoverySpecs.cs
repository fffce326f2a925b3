using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// Compute of the AI factory in the portal: found among the federation's resources by its own facets (who may
/// apply, which accelerator), and an offer's page shows its partitions, ways in, prices and energy side by side.
/// </summary>
public sealed class ComputeDiscoverySpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task A_start_up_finds_the_AI_factorys_offers_for_it_and_reads_partitions_prices_and_energy()
    {
        var page = await OpenAsync("en", "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Compute", Exact = true }).First.ClickAsync();
        await page.WaitForPageAsync(url => url.EndsWith("/compute", StringComparison.Ordinal));
        Assert.Equal("Compute for AI", await page.Locator("h1").TextContentAsync());

        // The facets of compute offers, counted from what the AI factory publishes.
        Assert.Contains("Start-ups", await page.Locator("a[data-facet=eligibility][data-value=start-up]").TextContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/compute?eligibility=start-up&accelerator=NVIDIA+H100+SXM5+80GB");
        var expected = (await Catalogue.Http.GetFromJsonAsync<JsonElement>("search?kind=compute&eligibility=start-up&accelerator=NVIDIA+H100+SXM5+80GB"))
            .GetProperty("items").EnumerateArray().Select(hit => hit.GetProperty("title").GetString()!).ToList();
        Assert.Equal(2, expected.Count);
        foreach (var title in expected)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).WaitForAsync();
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Large-scale AI allocations through open calls", Exact = true }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("/resources/", StringComparison.Ordinal));

        Assert.Equal("Compute", (await page.Locator("main header .badge").TextContentAsync())?.Trim());
        var partitions = page.Locator("table.partitions tbody tr");
        Assert.Equal(2, await partitions.CountAsync());
        Assert.Contains("AMD Instinct MI300X", await partitions.Nth(1).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("256", await partitions.Nth(1).TextContentAsync(), StringComparison.Ordinal);
        var ways = await page.Locator("table.access-modes").TextContentAsync();
        Assert.Contains("Through a call", ways, StringComparison.Ordinal);
        Assert.Contains("500,000", ways, StringComparison.Ordinal);
        var section = await page.Locator("section[aria-labelledby=compute-heading]").TextContentAsync();
        Assert.Contains("3,000,000 accelerator-hours a year", section, StringComparison.Ordinal);
        Assert.Equal("€2.40", await FactAsync(page, "Large companies"));
        Assert.Equal("Free", await FactAsync(page, "Start-ups"));
        Assert.StartsWith("Yes, to Warmtenet Groningen", await FactAsync(page, "Waste heat reused"), StringComparison.Ordinal);
        Assert.Equal("100 %", await FactAsync(page, "Renewable power"));
        Assert.Contains("AI-fabriek Groningen", await page.Locator("main header").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Any member of a federation hub may apply, through their own hub.", (await page.Locator(".access-box p").TextContentAsync())?.Trim());
        Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Name = "Where the computing is done" }).CountAsync());
        await PortalFixture.ScreenshotAsync(page, "resource-compute");
    }

    // The value beside a fact's name in the offer's section.
    private static async Task<string?> FactAsync(IPage page, string name) =>
        (await page.Locator("section[aria-labelledby=compute-heading] dl > div").Filter(new() { Has = page.Locator($"dt:text-is('{name}')") })
            .Locator("dd").TextContentAsync())?.Trim();
}
