using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>Hub staff publish a dataset in the browser: the hub's refusals appear next to their fields, and the fixed form publishes.</summary>
[Collection(PortalCollection.Name)]
public sealed class StaffPublishSpecs(PortalFixture portal)
{
    [Fact]
    public async Task Staff_see_the_hubs_reasons_next_to_the_fields_fix_them_and_the_dataset_is_published()
    {
        var page = await portal.OpenAsync("en");
        await page.GotoAsync("/staff/publish");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await page.SignInAtAsync("AI-hub Zuid-Holland", "staff");
        await page.WaitForURLAsync("**/staff/publish");

        await page.GetByLabel("Title").FillAsync("Ok");
        await page.GetByLabel("Publisher").FillAsync("Gemeente Den Haag");
        await page.GetByLabel("Keywords (separated by commas)").FillAsync("parkeren, sensoren");
        await page.GetByLabel("Legal basis (GDPR)").SelectOptionAsync("consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();

        Assert.Equal("true", await page.Locator("#title").GetAttributeAsync("aria-invalid"));
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#title-error").TextContentAsync()));
        Assert.Contains("personal data", await page.Locator("#legalBasis-error").TextContentAsync(), StringComparison.Ordinal);
        Assert.Null(await page.Locator("#publisher").GetAttributeAsync("aria-invalid"));
        Assert.Equal("Gemeente Den Haag", await page.Locator("#publisher").InputValueAsync());
        await PortalFixture.ScreenshotAsync(page, "publish-refused-by-field");
        Assert.Empty(await page.AccessibilityViolationsAsync());

        var title = $"Parkeersensoren Scheveningen {Guid.NewGuid():N}"[..40];
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Legal basis (GDPR)").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        Assert.Contains("Published:", await page.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        var link = await page.GetByRole(AriaRole.Link, new() { Name = title }).GetAttributeAsync("href");
        await Eventually.Until(async () => (await page.GotoAsync(link!))!.Status, status => status == 200, TimeSpan.FromSeconds(30),
            "the published dataset to reach the catalogue");
        Assert.Equal(title, await page.Locator("h1").TextContentAsync());
    }

    [Fact]
    public async Task Staff_edit_a_model_and_what_the_form_does_not_show_is_kept()
    {
        var title = $"Afvalroute model {Guid.NewGuid():N}"[..30];
        var id = await portal.PublishAsync("zuid-holland", new
        {
            kind = "model", title, summary = "Plant afvalroutes.", licence = "Apache-2.0", accessPolicy = "open", publisher = "Gemeente Rotterdam",
            model = new { task = "recommendation", modality = "tabular", aiAct = new { riskClass = "minimal" } },
            sovereignty = new { storageCountry = "NL" },
        });
        var page = await portal.OpenAsync("en");
        await page.GotoAsync("/staff/resources");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await page.SignInAtAsync("AI-hub Zuid-Holland", "staff");
        await page.WaitForURLAsync("**/staff/resources");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Edit: {title}" }).ClickAsync();
        Assert.Equal(title, await page.GetByLabel("Title").InputValueAsync());
        await page.GetByLabel("Summary (one sentence)").FillAsync("Plant afvalroutes met minder kilometers.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        Assert.Contains("Saved:", await page.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        await page.GotoAsync($"/staff/resources/{id}/edit");
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(2_000_000);
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "weights.bin", MimeType = "application/octet-stream", Buffer = bytes });
        // Sent by the page's script in the background (so the progress bar can follow it), not as a plain form post.
        var sent = await page.RunAndWaitForRequestAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync(),
            request => request.Url.EndsWith("/upload", StringComparison.Ordinal));
        Assert.Equal("xhr", sent.ResourceType);
        await page.WaitForURLAsync(url => url.Contains("uploaded=weights.bin", StringComparison.Ordinal));
        Assert.Contains("weights.bin was uploaded", await page.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            await page.Locator("table.files").TextContentAsync(), StringComparison.Ordinal);

        var held = await Eventually.Until(() => portal.Catalogue.Http.GetFromJsonAsync<JsonElement>($"resources/{id}"),
            r => r.GetProperty("resource").GetProperty("summary").GetString() == "Plant afvalroutes met minder kilometers.",
            TimeSpan.FromSeconds(30), "the edit to reach the catalogue");
        var resource = held.GetProperty("resource");
        Assert.Equal("minimal", resource.GetProperty("model").GetProperty("aiAct").GetProperty("riskClass").GetString());
        Assert.Equal("recommendation", resource.GetProperty("model").GetProperty("task").GetString());
        Assert.Equal("NL", resource.GetProperty("sovereignty").GetProperty("storageCountry").GetString());
    }
}
