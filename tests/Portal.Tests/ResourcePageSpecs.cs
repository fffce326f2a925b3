using Federation.Contracts.Hub;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>A resource's page: its metadata by kind, the access policy in words, the AI Act class plainly, schema.org for machines.</summary>
public sealed class ResourcePageSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    private static readonly Dictionary<string, string> PolicyInWords = new()
    {
        ["open"] = "Anyone may download the files, without signing in.",
        ["federation"] = "Any member of a federation hub may download the files after signing in at their own hub.",
        ["approval"] = "Access on request: you state your purpose, the staff of the hub that holds the data decide, and that hub records every download.",
        ["hub"] = "Only members of the hub that holds the data have access. The description is visible to everyone.",
    };

    [Fact]
    public async Task A_dataset_found_in_a_search_opens_with_its_access_policy_in_words_and_schema_org_in_its_head()
    {
        var hit = await FirstHitAsync("kind=dataset&sort=modified");
        var page = await OpenAsync("en", "/?kind=dataset&sort=modified");

        await page.GetByRole(AriaRole.Link, new() { Name = hit.GetProperty("title").GetString()!, Exact = true }).First.ClickAsync();
        await page.WaitForPageAsync($"/resources/{hit.GetProperty("id").GetString()}");

        Assert.Equal(hit.GetProperty("title").GetString(), await page.Locator("h1").TextContentAsync());
        Assert.Equal(PolicyInWords[hit.GetProperty("accessPolicy").GetString()!], (await page.Locator(".access-box p").TextContentAsync())?.Trim());
        var jsonLd = JsonDocument.Parse((await page.Locator("head script[type='application/ld+json']").TextContentAsync())!).RootElement;
        Assert.Equal("Dataset", jsonLd.GetProperty("@type").GetString());
        Assert.Equal(hit.GetProperty("title").GetString(), jsonLd.GetProperty("name").GetString());
        await PortalFixture.ScreenshotAsync(page, "resource-dataset");
    }

    [Fact]
    public async Task Markup_in_a_hubs_metadata_is_shown_as_text_and_never_runs()
    {
        const string title = "Scripted <script>window.pwned = 1</script> meetreeks";
        var id = await PublishAsync("amsterdam", new ResourceInput
        {
            Kind = "dataset", Title = title, Summary = "Summary with <img src=x onerror=\"window.pwned = 2\"> inside.",
            Description = "Closing the head: </script><script>window.pwned = 3</script> and <b>bold</b> & more.",
            Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "<i>Publisher</i>", Keywords = ["<b>markup</b>"],
        });
        var page = await OpenAsync("en");
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync($"/resources/{id}");
        Assert.Equal(title, await page.Locator("h1").TextContentAsync());
        Assert.Contains("</script><script>window.pwned = 3</script>", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        var jsonLd = JsonDocument.Parse((await page.Locator("head script[type='application/ld+json']").TextContentAsync())!).RootElement;
        Assert.Equal(title, jsonLd.GetProperty("name").GetString());
        await page.GotoAsync("/?q=Scripted+meetreeks");
        await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).WaitForAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"), "markup from a hub's metadata ran in the page");
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.Locator("main img[src='x'], main b, main i").CountAsync());
    }

    [Fact]
    public async Task A_high_risk_model_shows_its_AI_Act_class_and_what_it_means()
    {
        var model = await PublishAsync("zuid-holland", new ResourceInput
        {
            Kind = "model", Title = $"CV ranking model {Guid.NewGuid():N}", Summary = "Ranks job applications.", Licence = "Apache-2.0",
            AccessPolicy = "federation", Publisher = "Gemeente Den Haag",
            Model = new ModelInput(
                "text-classification", "text", "fine-tuned RoBERTa", 125_000_000, null, null, null, null,
                [new EvaluationInput("F1", 0.87, null, "held-out applications 2024")],
                new AiActInput("high-risk", "employment", "Ranking applications for municipal vacancies."), null, null),
        });
        var page = await OpenAsync("en", $"/resources/{model}");

        var act = page.Locator(".ai-act");
        Assert.Equal("High risk — Annex III: employment", (await act.Locator(".risk").TextContentAsync())?.Trim());
        Assert.Contains("human oversight", await act.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Name = "Model card" }).CountAsync());
        Assert.Contains("0.87", await page.Locator("table").Filter(new() { HasText = "F1" }).TextContentAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "resource-model");
    }

    [Fact]
    public async Task Anyone_downloads_the_file_of_an_open_dataset_without_signing_in()
    {
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(50_000);
        var id = await PublishAsync("amsterdam", new ResourceInput
        {
            Kind = "dataset", Title = $"Open fietstellingen {Guid.NewGuid():N}", Summary = "Tellingen van fietsers.", Licence = "CC0-1.0",
            AccessPolicy = "open", Publisher = "Gemeente Amsterdam",
        });
        await UploadAsync("amsterdam", id, "tellingen.csv", bytes);
        var page = await OpenAsync("en", $"/resources/{id}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "tellingen.csv" }).ClickAsync());

        Assert.Equal(bytes, await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal("Sign in", (await page.Locator(".account a").TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task A_hubs_file_is_always_a_download_never_a_page_of_the_portal()
    {
        // A page with script, stored at a hub as what it is: shown in the portal's origin it would run as the portal.
        var html = "<html><body><script>document.title = 'ran in the portal';</script></body></html>"u8.ToArray();
        var id = await PublishAsync("amsterdam", new ResourceInput
        {
            Kind = "dataset", Title = $"Open rapport {Guid.NewGuid():N}", Summary = "Een rapport als webpagina.", Licence = "CC0-1.0",
            AccessPolicy = "open", Publisher = "Gemeente Amsterdam",
        });
        await UploadAsync("amsterdam", id, "rapport.html", html, "text/html");
        var page = await OpenAsync("en", $"/resources/{id}");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "rapport.html" }).GetAttributeAsync("href");

        var answer = await page.APIRequest.GetAsync(href!);

        Assert.Equal(200, answer.Status);
        Assert.StartsWith("attachment", answer.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Contains("rapport.html", answer.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", answer.Headers["x-content-type-options"]);
        Assert.Equal("default-src 'none'; sandbox", answer.Headers["content-security-policy"]);
        Assert.Equal(html, await answer.BodyAsync());
    }

    [Fact]
    public async Task A_resource_that_does_not_exist_is_a_page_that_says_so()
    {
        var page = await OpenAsync("en");
        var response = await page.GotoAsync($"/resources/{Guid.NewGuid()}");

        Assert.Equal(404, response!.Status);
        Assert.Equal("Page not found", await page.Locator("h1").TextContentAsync());
    }

    private async Task<JsonElement> FirstHitAsync(string query)
    {
        var result = await Catalogue.Http.GetFromJsonAsync<JsonElement>($"search?{query}");
        return result.GetProperty("items").EnumerateArray().First();
    }
}
