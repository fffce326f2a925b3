using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts.Hub;
using Federation.Contracts.Search;
using Federation.Portal.Discover;
using Federation.Portal.Language;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// The portal's facets come from the registry of search dimensions: each one it declares is shown with its label,
/// in the registry's order. The update frequency of datasets is the facet added through the registry (and its
/// heading in the portal's texts) alone.
/// </summary>
public sealed class FacetRegistrySpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task The_discover_page_shows_every_dimension_the_catalogue_counts_in_the_registrys_order_with_its_label()
    {
        var counted = (await Catalogue.Http.GetFromJsonAsync<JsonElement>("search?pageSize=20")).GetProperty("facets");
        var expected = SearchDimensions.All.Where(d => counted.GetProperty(d.Name).GetArrayLength() > 0).ToList();
        var page = await OpenAsync("en", "/");

        var shown = await page.Locator("aside.facets section.facet h3").AllAsync();
        var ids = new List<string>();
        foreach (var heading in shown)
        {
            ids.Add(await heading.GetAttributeAsync("id") ?? "");
        }

        Assert.Contains(expected, d => d.Name == "updateFrequency");
        Assert.Equal(expected.Select(d => $"facet-{d.Name}"), ids);
        var english = English();
        foreach (var (dimension, heading) in expected.Zip(shown))
        {
            Assert.Equal(english[dimension.LabelKey], (await heading.TextContentAsync())?.Trim());
        }
    }

    [Fact]
    public async Task A_dataset_is_found_by_its_update_frequency_through_the_facet_with_its_label()
    {
        // Letters only, so that the word is one search term whatever the text parser makes of digits.
        var word = "ritme" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        await PublishAsync("brainport", new ResourceInput
        {
            Kind = "dataset", Title = $"Counts {word}", Summary = "Bicycle counts per month.", Licence = "CC-BY-4.0", AccessPolicy = "open",
            Publisher = "TU Eindhoven",
            Dataset = new DatasetInput(null, null, null, UpdateFrequency: "MONTHLY", null, ContainsPersonalData: false, null, null, null),
        });
        var page = await OpenAsync("en", $"/?q={word}");

        Assert.Equal("Update frequency", (await page.Locator("#facet-updateFrequency").TextContentAsync())?.Trim());
        var monthly = page.Locator("a[data-facet='updateFrequency'][data-value='MONTHLY']");
        Assert.Equal("Monthly", (await monthly.Locator(".label").TextContentAsync())?.Trim());
        Assert.Equal("1", (await monthly.Locator(".count").TextContentAsync())?.Trim());

        await monthly.ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("updateFrequency=MONTHLY", StringComparison.Ordinal));
        Assert.Equal([$"Counts {word}"], (await page.Locator(".hit h3").AllTextContentsAsync()).Select(t => t.Trim()));
        Assert.Contains("(selected)", await page.Locator("a[data-facet='updateFrequency'][data-value='MONTHLY']").TextContentAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> English()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var text = new PortalText();
            return SearchDimensions.All.ToDictionary(d => d.LabelKey, d => text[d.LabelKey]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
