using Federation.Contracts.Hub;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>A resource's persistent URI opened in a browser, and the page's "cite as" with version and date.</summary>
public sealed class CitationBrowserSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task A_persistent_uri_opens_the_resources_page_which_cites_it_in_APA_and_BibTeX()
    {
        var title = $"Fietstellingen {Guid.NewGuid():N}";
        var id = await PublishAsync("midden-nederland", new ResourceInput
        {
            Kind = "dataset", Title = title, Summary = "Tellingen per uur.", Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "Provincie Utrecht",
        });
        var citation = (await Catalogue.CatalogueClient().GetResourceAsync(id, CancellationToken.None).EnsureSuccessAsync()).Citation!;
        var page = await OpenAsync("en");

        await page.GotoAsync(citation.PersistentUri.AbsoluteUri);

        await page.WaitForPageAsync($"/resources/{id}");
        Assert.Equal(title, await page.Locator("h1").TextContentAsync());
        Assert.Equal(citation.PersistentUri.AbsoluteUri, await page.Locator("head link[rel='cite-as']").GetAttributeAsync("href"));
        var cite = page.GetByRole(AriaRole.Region, new() { Name = "Cite as" });
        Assert.Equal(
            $"Provincie Utrecht. ({citation.Date.Year}). {title} (Version {citation.Version}) [Data set]. AI-hub Midden-Nederland. {citation.PersistentUri.AbsoluteUri}",
            (await cite.Locator(".cite-apa").TextContentAsync())?.Trim());
        Assert.Contains($"title        = {{{{{title}}}}},", await cite.Locator(".cite-bibtex").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal($"{citation.PersistentUri.AbsoluteUri}?format=bibtex", await cite.GetByRole(AriaRole.Link, new() { Name = "Download BibTeX" }).GetAttributeAsync("href"));
        await PortalFixture.ScreenshotAsync(page, "resource-citation");
    }
}
