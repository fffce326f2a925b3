using Federation.Contracts.Hub;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>A resource's version history in the browser: every version with its note, and "what changed" between any two.</summary>
public sealed class VersionHistoryBrowserSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task Anyone_reads_the_versions_of_a_resource_and_what_changed_between_two_of_them()
    {
        var title = $"Grondwaterstanden Brabant {Guid.NewGuid().ToString("N")[..6]}";
        var input = new ResourceInput
        {
            Kind = "dataset", Title = title, Summary = "Peilbuizen, dagelijks.", Keywords = ["grondwater"], Licence = "CC-BY-4.0", AccessPolicy = "open",
            Publisher = "Provincie Noord-Brabant", Language = "nl",
        };
        var id = await PublishAsync("brainport", input);
        var staff = Hub("brainport").StaffClient();
        var current = await staff.GetResourceAsync(id, TestContext.Current.CancellationToken).EnsureSuccessAsync();
        await staff.UpdateResourceAsync(id, input with { Keywords = ["grondwater", "droogte"], ChangeNote = "Droogte als trefwoord." }, current.Version,
            TestContext.Current.CancellationToken).EnsureSuccessAsync();
        await Eventually.Until(() => Catalogue.CatalogueClient().GetResourceAsync(id, TestContext.Current.CancellationToken), r => r.Value?.Resource.Version == 3,
            TimeSpan.FromSeconds(30), "the change to reach the catalogue");

        var page = await OpenAsync("en", $"/resources/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Version history" }).ClickAsync();
        await page.WaitForPageAsync($"/resources/{id}/versions");

        Assert.Equal(["3", "2"], await page.Locator("tbody tr[data-version] td:nth-child(3)").AllTextContentsAsync());
        Assert.Contains("Droogte als trefwoord.", await page.Locator("tr[data-version='3']").TextContentAsync(), StringComparison.Ordinal);
        var change = page.Locator("tr[data-field='keywords[1]']");
        Assert.Contains("added", await change.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("droogte", await change.TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await page.AccessibilityViolationsAsync());

        await page.GetByLabel("Compare with version 2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await page.WaitForPageAsync($"/resources/{id}/versions?from=2&to=2");
        Assert.Equal("No field differs.", (await page.Locator("h2 + p").TextContentAsync())?.Trim());
    }
}
