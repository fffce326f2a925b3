using Federation.Contracts;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// Harvesting in the browser: staff register a catalogue on the portal, try it as a dry run and run it for real,
/// following each run on its page until its report; the harvested dataset's page says where it came from.
/// </summary>
public sealed class HarvestBrowserSpecs(PortalFixture portal) : BrowserSpecs(portal), IAsyncDisposable
{
    private readonly SourceCatalogue source = SourceCatalogue.Start();

    [Fact]
    public async Task Staff_register_a_catalogue_dry_run_it_run_it_and_the_dataset_says_where_it_came_from()
    {
        var title = $"Straatverlichting Utrecht {Guid.NewGuid().ToString("N")[..6]}";
        List<SourceDataset> datasets = [new($"licht-{Guid.NewGuid():N}", title), new($"banken-{Guid.NewGuid():N}", "Bankjes in het park")];
        source.Serve("catalog.xml", PortalPages.RdfXml(source.Url("catalog.xml"), datasets, null, 2), "application/rdf+xml");
        var staff = await OpenAsync("en", "/staff/harvest");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await staff.SignInAtAsync("AI-hub Midden-Nederland", "staff");
        await staff.WaitForPageAsync("/staff/harvest");
        Assert.Empty(await staff.AccessibilityViolationsAsync());

        var name = $"Open data Utrecht {Guid.NewGuid().ToString("N")[..6]}";
        await staff.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await staff.GetByLabel("Address of the DCAT-AP export").FillAsync(source.Url("catalog.xml"));
        await staff.GetByLabel("Schedule").SelectOptionAsync("manual");
        await staff.GetByLabel("Licence when a dataset names none (SPDX)").FillAsync("CC-BY-4.0");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        Assert.Contains("The source was added.", await staff.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        await staff.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        Assert.Empty(await staff.AccessibilityViolationsAsync());
        await staff.GetByRole(AriaRole.Button, new() { Name = "Dry run (store nothing)" }).ClickAsync();
        await WaitForEndAsync(staff);
        Assert.Contains("succeeded (dry run)", await staff.Locator(".run-state").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("2", await staff.Locator("dd[data-count=created]").TextContentAsync());
        Assert.Empty(await staff.AccessibilityViolationsAsync());

        await staff.GetByRole(AriaRole.Link, new() { Name = "Back to the source" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Harvest now" }).ClickAsync();
        await WaitForEndAsync(staff);
        Assert.Equal("succeeded", (await staff.Locator(".run-state").TextContentAsync())?.Trim());
        Assert.Equal("2", await staff.Locator("dd[data-count=created]").TextContentAsync());

        var hub = Hub("midden-nederland").StaffClient();
        var harvested = await Eventually.Until(async () => await hub.ListResourcesAsync(TestContext.Current.CancellationToken, state: ResourceState.Published, pageSize: 200)
            .EnsureSuccessAsync(), list => list.Items.Any(r => r.Title == title), TimeSpan.FromSeconds(30), "the harvested dataset at the hub");
        var id = harvested.Items.Single(r => r.Title == title).Id;
        var reader = await OpenAsync("en");
        await Eventually.Until(async () => (await reader.GotoAsync($"/resources/{id}"))!.Status, status => status == 200, TimeSpan.FromSeconds(30),
            "the harvested dataset in the catalogue");
        var provenance = reader.Locator("section.provenance");
        Assert.Contains(name, await provenance.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(datasets[0].Identifier, await provenance.TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await reader.AccessibilityViolationsAsync());
    }

    // The run's page refreshes itself while the run is on its way; once the hub says it is done, its page shows the report.
    private async Task WaitForEndAsync(IPage page)
    {
        await page.WaitForPageAsync(url => url.Contains("/staff/harvest/runs/", StringComparison.Ordinal), what: "of the run");
        var runId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        var hub = Hub("midden-nederland").StaffClient();
        await Eventually.Until(() => hub.HarvestRunAsync(runId, TestContext.Current.CancellationToken).EnsureSuccessAsync(), run => run.FinishedAt is not null,
            TimeSpan.FromSeconds(30), "the run to end");
        await page.GotoAsync(page.Url);
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
