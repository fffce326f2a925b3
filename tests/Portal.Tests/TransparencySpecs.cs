using System.Globalization;
using System.Net.Http.Json;
using Federation.Contracts.Compute;
using Federation.Contracts.Serialization;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// The open accounting page: each facility's figures as the facility gives them, as SVG bars drawn on the server with
/// the numbers in a table beside them, links to the CSV and JSON, no accessibility violations.
/// </summary>
public sealed class TransparencySpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task The_page_shows_each_facilitys_figures_as_bars_and_tables_with_its_data_to_download()
    {
        // Something offered: a call of the AI factory for its offer with calls.
        var factory = Hub(LocalFederation.Facility.Id);
        using var staff = new HttpClient { BaseAddress = factory.BaseUrl };
        staff.DefaultRequestHeaders.Authorization = await factory.StaffAuthorizationAsync();
        var offer = (await Catalogue.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("search?kind=compute&accessMode=call"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        var opened = await staff.PostAsJsonAsync("calls", new CallInput(offer, $"Call {Guid.NewGuid():N}", "", "call", 12_345, ["start-up"], DateTimeOffset.UtcNow.AddDays(10), 0,
            DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(100))), FederationJson.Options);
        var call = (await opened.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ComputeCall>(FederationJson.Options))!;
        // And something awarded: a Brainport start-up applies at home, its hub endorses, the factory awards.
        var brainport = Hub("brainport");
        using var member = new HttpClient { BaseAddress = brainport.BaseUrl };
        member.DefaultRequestHeaders.Authorization = new("Bearer", (await FederatedSignIn.AtHomeAsync(brainport, "company")).AccessToken);
        var application = (await (await member.PostAsJsonAsync("me/compute-applications", new ApplicationInput(LocalFederation.Facility.Id, call.Id, "Wafer inspection",
            "Fine-tuning a vision model on wafer images to find defects earlier, published in the federation afterwards.", 1_000, call.AllocationStart,
            call.AllocationStart.AddDays(30), "start-up", "C", "NL-NB", true, [], "minimal", false, []), FederationJson.Options)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<ComputeApplication>(FederationJson.Options))!;
        using var homeStaff = new HttpClient { BaseAddress = brainport.BaseUrl };
        homeStaff.DefaultRequestHeaders.Authorization = await brainport.StaffAuthorizationAsync();
        (await homeStaff.PostAsJsonAsync($"compute-applications/{application.Id}/endorse", new EndorsementInput(true, null), FederationJson.Options)).EnsureSuccessStatusCode();
        await Eventually.Until(() => staff.GetAsync($"applications/{application.Id}"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the application at the factory");
        (await staff.PostAsJsonAsync($"applications/{application.Id}/award", new AwardInput(800, "gpu-h100", call.AllocationStart, call.AllocationStart.AddDays(30)),
            FederationJson.Options)).EnsureSuccessStatusCode();
        var accounting = (await factory.Http.GetFromJsonAsync<FacilityAccounting>("transparency", FederationJson.Options))!;
        var offered = accounting.Rows.Where(r => r.Dimension == "all" && r.Measure == "offeredHours").Sum(r => r.Amount);

        var page = await OpenAsync("en", "/compute");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open accounting: who got how much compute" }).ClickAsync();
        await page.WaitForPageAsync(url => url.EndsWith("/transparency", StringComparison.Ordinal));

        var section = page.Locator($"section[data-facility={LocalFederation.Facility.Id}]");
        Assert.Equal("AI-fabriek Groningen", (await section.Locator("h2").TextContentAsync())?.Trim());
        var shown = (await section.Locator("dl.totals > div").Filter(new() { Has = page.Locator("dt:text-is('Offered in calls')") }).Locator("dd").TextContentAsync())!.Trim();
        Assert.Equal($"{offered.ToString("N0", CultureInfo.GetCultureInfo("en"))} accelerator-hours", shown);
        Assert.True(offered >= 12_345);
        Assert.Equal(8, await section.Locator("figure.chart").CountAsync());
        var byHub = section.Locator($"figure.chart:has(figcaption:text-is('Awarded by hub'))");
        Assert.Equal("img", await byHub.Locator("svg").GetAttributeAsync("role"));
        var awardedToBrainport = accounting.Rows.Where(r => r.Dimension == "hub" && r.Value == "brainport" && r.Measure == "awardedHours").Sum(r => r.Amount);
        Assert.True(awardedToBrainport >= 800);
        Assert.Equal(awardedToBrainport.ToString("N0", CultureInfo.GetCultureInfo("en")),
            (await byHub.Locator("table tbody tr").Filter(new() { Has = page.Locator("th:text-is('AI-hub Brainport')") }).Locator("td").TextContentAsync())?.Trim());
        Assert.Equal(new Uri(factory.BaseUrl, "transparency.csv").ToString(), await section.GetByRole(AriaRole.Link, new() { Name = "CSV" }).GetAttributeAsync("href"));
        Assert.Empty(await page.AccessibilityViolationsAsync());
        await PortalFixture.ScreenshotAsync(page, "transparency");

        // The accounting is itself a dataset of the factory's, in the catalogue like any other.
        await section.GetByRole(AriaRole.Link, new() { Name = "Described as a dataset (DCAT-AP)" }).ClickAsync();
        await page.WaitForPageAsync(url => url.Contains("/resources/", StringComparison.Ordinal), what: "the dataset's page");
        Assert.Equal($"Open accounting of compute — {LocalFederation.Facility.Name}", (await page.Locator("h1").TextContentAsync())?.Trim());
    }
}
