using Federation.Contracts.Hub;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>Searching the federation in the browser: the box, facets that narrow with the catalogue's counts, the expertise view.</summary>
public sealed class DiscoverSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task A_search_narrowed_by_two_facets_shows_the_catalogues_counts_and_keeps_them_in_the_url()
    {
        var page = await OpenAsync("en", "/");

        await page.GetByLabel("Search the federation").FillAsync("data");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("q=data", StringComparison.Ordinal));
        Assert.Equal(await TotalAsync("q=data"), await ShownTotalAsync(page));

        var datasets = await FacetCountAsync(page, "kind", "dataset");
        await Facet(page, "kind", "dataset").ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("kind=dataset", StringComparison.Ordinal));
        Assert.Equal(datasets, await ShownTotalAsync(page));
        Assert.All(await page.Locator(".hit .badge").AllTextContentsAsync(), badge => Assert.Equal("Dataset", badge.Trim()));
        Assert.Contains("(selected)", await Facet(page, "kind", "dataset").TextContentAsync(), StringComparison.Ordinal);

        var open = await FacetCountAsync(page, "accessPolicy", "open");
        await Facet(page, "accessPolicy", "open").ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("accessPolicy=open", StringComparison.Ordinal) && url.Contains("kind=dataset", StringComparison.Ordinal));
        Assert.Equal(open, await ShownTotalAsync(page));
        Assert.Equal(await TotalAsync("q=data&kind=dataset&accessPolicy=open"), open);
        Assert.All(await page.Locator(".hit .access").AllTextContentsAsync(), access => Assert.Equal("Open", access.Trim()));
        await PortalFixture.ScreenshotAsync(page, "discover-with-facets");

        // The same URL, opened by someone else, shows the same search.
        var shared = await OpenAsync("en", page.Url);
        Assert.Equal(open, await ShownTotalAsync(shared));

        await Facet(page, "kind", "dataset").ClickAsync();
        await page.WaitForPageAsync(url => !url.Contains("kind=", StringComparison.Ordinal));
        Assert.Equal(await TotalAsync("q=data&accessPolicy=open"), await ShownTotalAsync(page));
    }

    [Fact]
    public async Task Paging_goes_forward_with_the_catalogues_cursor_without_repeating_a_hit()
    {
        var page = await OpenAsync("en", "/?sort=modified");
        var first = await page.Locator(".hit h3 a").AllHrefsAsync();
        Assert.Equal(20, first.Count);

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("cursor=", StringComparison.Ordinal));
        var second = await page.Locator(".hit h3 a").AllHrefsAsync();

        Assert.NotEmpty(second);
        Assert.Empty(second.Intersect(first));
        await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
        await page.WaitForPageAsync(url => !url.Contains("cursor=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_expertise_view_shows_only_expertise_with_skill_sector_region_and_availability_facets()
    {
        // Offers of the test's own, so that the skill facet has values whatever the demo data holds.
        foreach (var (offered, availability) in new[] { ("computer-vision", "available"), ("computer-vision", "limited"), ("mlops", "available") })
        {
            await PublishAsync("brainport", new ResourceInput
            {
                Kind = "expertise", Title = $"Team {offered} {Guid.NewGuid():N}", Summary = "Helps companies apply AI.", Licence = "CC-BY-4.0",
                AccessPolicy = "open", Publisher = "TU Eindhoven",
                Expertise = new ExpertiseInput("team", [offered], null, ["C"], "NL-NB", ["nl", "en"], availability, null, null),
            });
        }

        var page = await OpenAsync("en", "/expertise");

        Assert.Equal(await TotalAsync("kind=expertise"), await ShownTotalAsync(page));
        Assert.All(await page.Locator(".hit .badge").AllTextContentsAsync(), badge => Assert.Equal("Expertise", badge.Trim()));
        Assert.Equal(0, await page.Locator("[data-facet=kind]").CountAsync());
        foreach (var heading in new[] { "Skill", "Sector", "Region", "Availability" })
        {
            Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).CountAsync());
        }

        var skill = page.Locator("[data-facet=skill]").First;
        var value = await skill.GetAttributeAsync("data-value");
        var count = await FacetCountAsync(page, "skill", value!);
        await skill.ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("skill=", StringComparison.Ordinal));
        Assert.Equal(count, await ShownTotalAsync(page));
        Assert.Equal(await TotalAsync($"kind=expertise&skill={Uri.EscapeDataString(value!)}"), count);
        Assert.DoesNotContain("kind=", page.Url, StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "expertise");
    }

    [Fact]
    public async Task On_a_phone_the_page_fits_the_screen_and_the_keyboard_reaches_the_content_first()
    {
        var page = await OpenAsync("nl", "/?q=data", width: 390, height: 844);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways on a phone-width screen");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Naar de inhoud", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "discover-phone");
    }

    private static ILocator Facet(IPage page, string dimension, string value) =>
        page.Locator($"a[data-facet='{dimension}'][data-value='{value}']");

    private static async Task<long> FacetCountAsync(IPage page, string dimension, string value) =>
        Number(await Facet(page, dimension, value).Locator(".count").TextContentAsync());

    private static async Task<long> ShownTotalAsync(IPage page) =>
        Number(await page.Locator("#results-heading").TextContentAsync());

    private async Task<long> TotalAsync(string query) =>
        (await Catalogue.Http.GetFromJsonAsync<JsonElement>($"search?{query}")).GetProperty("total").GetInt64();

    private static long Number(string? text) =>
        long.Parse(new string((text ?? "").Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);
}

internal static class LocatorExtensions
{
    public static async Task<IReadOnlyList<string>> AllHrefsAsync(this ILocator links)
    {
        var hrefs = new List<string>();
        foreach (var link in await links.AllAsync())
        {
            hrefs.Add(await link.GetAttributeAsync("href") ?? "");
        }

        return hrefs;
    }
}
