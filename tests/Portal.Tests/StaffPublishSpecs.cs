using Federation.Contracts.Hub;
using Federation.Contracts.Metadata;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// Hub staff publish a dataset in the browser: the hub's refusals appear next to their fields, and the fixed form
/// publishes. Every field of the dataset registry (<see cref="DatasetTextFields"/>) is in the form, on the page and
/// kept when editing, without code of its own in the portal.
/// </summary>
public sealed class StaffPublishSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task Staff_see_the_hubs_reasons_next_to_the_fields_fix_them_and_the_dataset_is_published()
    {
        var page = await OpenAsync("en", "/staff/publish");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await page.SignInAtAsync("AI-hub Zuid-Holland", "staff");
        await page.WaitForPageAsync("/staff/publish");

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
    public async Task A_publish_form_sent_again_with_a_change_makes_no_second_resource_and_the_last_send_holds()
    {
        var page = await SignedInStaffAsync("/staff/publish", "AI-hub Zuid-Holland");
        var word = new string(Guid.NewGuid().ToByteArray().Select(b => (char)('a' + (b % 26))).ToArray());
        await page.GetByLabel("Title").FillAsync($"Fietstellingen {word} eerste");
        await page.GetByLabel("Publisher").FillAsync("Gemeente Delft");
        var sent = await page.Locator("form.publish").EvaluateAsync<string[][]>(
            "form => Array.from(new FormData(form).entries()).map(([name, value]) => [name, String(value)])");

        // The form as the browser sends it, twice, as staff do when the first answer got lost: the second time with a
        // changed title. Both carry the key the form was given.
        var first = await PostFormAsync(page, sent, title: null);
        var second = await PostFormAsync(page, sent, title: $"Fietstellingen {word} tweede");

        Assert.Contains(sent, field => field[0] == "Form.CreateKey" && Guid.TryParseExact(field[1], "N", out _));
        Assert.Equal(200, first);
        Assert.Equal(200, second);
        var found = await Eventually.Until(() => Catalogue.CatalogueClient().SearchAsync($"q={word}", TestContext.Current.CancellationToken).EnsureSuccessAsync(),
            result => result.CorrectedText is null && result.Items.Any(hit => hit.Title.EndsWith("tweede", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the second send to be searchable");
        Assert.Equal([$"Fietstellingen {word} tweede"], found.Items.Select(hit => hit.Title));
    }

    private static async Task<int> PostFormAsync(IPage page, string[][] fields, string? title)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var field in fields)
        {
            form.Append(field[0], field[0] == "Form.Title" && title is not null ? title : field[1]);
        }

        var answer = await page.APIRequest.PostAsync(page.Url, new() { Form = form });
        return answer.Status;
    }

    [Fact]
    public async Task Staff_edit_a_model_and_what_the_form_does_not_show_is_kept()
    {
        var title = $"Afvalroute model {Guid.NewGuid():N}"[..30];
        var id = await PublishAsync("zuid-holland", new ResourceInput
        {
            Kind = "model", Title = title, Summary = "Plant afvalroutes.", Licence = "Apache-2.0", AccessPolicy = "open", Publisher = "Gemeente Rotterdam",
            Model = new ModelInput("recommendation", "tabular", null, null, null, null, null, null, null, new AiActInput("minimal", null, null), null, null),
            Sovereignty = new SovereigntyInput("NL", null, null),
        });
        var page = await OpenAsync("en", "/staff/resources");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await page.SignInAtAsync("AI-hub Zuid-Holland", "staff");
        await page.WaitForPageAsync("/staff/resources");

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
        await page.WaitForPageAsync(url => url.Contains("uploaded=weights.bin", StringComparison.Ordinal));
        Assert.Contains("weights.bin was uploaded", await page.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            await page.Locator("table.files").TextContentAsync(), StringComparison.Ordinal);

        var held = await Eventually.Until(() => Catalogue.Http.GetFromJsonAsync<JsonElement>($"resources/{id}"),
            r => r.GetProperty("resource").GetProperty("summary").GetString() == "Plant afvalroutes met minder kilometers.",
            TimeSpan.FromSeconds(30), "the edit to reach the catalogue");
        var resource = held.GetProperty("resource");
        Assert.Equal("minimal", resource.GetProperty("model").GetProperty("aiAct").GetProperty("riskClass").GetString());
        Assert.Equal("recommendation", resource.GetProperty("model").GetProperty("task").GetString());
        Assert.Equal("NL", resource.GetProperty("sovereignty").GetProperty("storageCountry").GetString());
    }

    [Fact]
    public async Task Staff_publish_a_model_card_whose_AI_Act_class_and_lineage_the_hub_checks_field_by_field()
    {
        var dataset = await PublishAsync("brainport", new ResourceInput
        {
            Kind = "dataset", Title = $"Röntgenbeelden {Guid.NewGuid():N}"[..24], Summary = "Geanonimiseerde röntgenbeelden.", Licence = "CC-BY-4.0",
            AccessPolicy = "approval", Publisher = "Catharina Ziekenhuis",
        });
        var page = await SignedInStaffAsync("/staff/publish", "AI-hub Zuid-Holland");

        var title = $"Fractuurdetectie {Guid.NewGuid():N}"[..28];
        await page.GetByLabel("Kind").SelectOptionAsync("model");
        Assert.False(await page.GetByLabel("Legal basis (GDPR)").IsVisibleAsync());
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Publisher").FillAsync("Erasmus MC");
        await page.GetByLabel("Task").SelectOptionAsync("image-classification");
        await page.GetByLabel("Modality").SelectOptionAsync("image");
        await page.GetByLabel("Number of parameters").FillAsync("86000000");
        await page.GetByLabel("Trained on (one dataset per line, as hub/resource-id)").FillAsync($"brainport/{dataset}\nbrainport/not-an-id");
        await page.GetByLabel("Risk class under the EU AI Act").SelectOptionAsync("high-risk");
        await page.GetByLabel("Intended purpose the model was classified for (needed for high and limited risk)")
            .FillAsync("Ondersteunt radiologen bij het vinden van fracturen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();

        // A high-risk system names its Annex III area, and the second line is not a link: both said where they belong.
        Assert.Equal("true", await page.Locator("#annexIiiArea").GetAttributeAsync("aria-invalid"));
        Assert.Contains("Annex III", await page.Locator("#annexIiiArea-error").TextContentAsync(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("#trainingDatasets-error").TextContentAsync()));
        Assert.Equal("image", await page.GetByLabel("Modality").InputValueAsync());
        await PortalFixture.ScreenshotAsync(page, "publish-model-refused-by-field");
        Assert.Empty(await page.AccessibilityViolationsAsync());

        await page.GetByLabel("Annex III area (high risk only)").SelectOptionAsync("essential-services");
        await page.GetByLabel("Trained on (one dataset per line, as hub/resource-id)").FillAsync($"brainport/{dataset}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        var (id, resource) = await PublishedAsync(page, title);
        var model = resource.GetProperty("model");
        Assert.Equal("high-risk", model.GetProperty("aiAct").GetProperty("riskClass").GetString());
        Assert.Equal("essential-services", model.GetProperty("aiAct").GetProperty("annexIiiArea").GetString());
        Assert.Equal(86_000_000, model.GetProperty("parameterCount").GetInt64());
        Assert.Equal(dataset, model.GetProperty("trainingDatasets")[0].GetProperty("resourceId").GetGuid());

        // Opened again for editing, the form holds the card as the hub has it.
        await page.GotoAsync($"/staff/resources/{id}/edit");
        Assert.Equal("high-risk", await page.GetByLabel("Risk class under the EU AI Act").InputValueAsync());
        Assert.Equal($"brainport/{dataset}", await page.GetByLabel("Trained on (one dataset per line, as hub/resource-id)").InputValueAsync());
    }

    [Fact]
    public async Task Staff_publish_an_expertise_offer_with_skills_and_sectors_chosen_from_the_shared_vocabularies()
    {
        var page = await SignedInStaffAsync("/staff/publish", "AI-hub Oost Nederland");

        var title = $"Predictive maintenance team {Guid.NewGuid():N}"[..36];
        await page.GetByLabel("Kind").SelectOptionAsync("expertise");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Publisher").FillAsync("Universiteit Twente");
        await page.GetByLabel("Who offers it").SelectOptionAsync("team");
        await page.GetByLabel("time-series").CheckAsync();
        await page.GetByLabel("edge-ai").CheckAsync();
        await page.GetByLabel("Manufacturing").CheckAsync();
        await page.GetByLabel("Region").SelectOptionAsync("NL-OV");
        await page.GetByLabel("Languages (codes such as nl, en; separated by commas)").FillAsync("nl, english");
        await page.GetByLabel("Availability").SelectOptionAsync("limited");
        // Ticked for a new offer; unticked, it must stay unticked (an unticked box posts nothing).
        Assert.True(await page.GetByLabel("Open to being contacted through the portal").IsCheckedAsync());
        await page.GetByLabel("Open to being contacted through the portal").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();

        Assert.Contains("two-letter", await page.Locator("#languages-error").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByLabel("edge-ai").IsCheckedAsync());
        await PortalFixture.ScreenshotAsync(page, "publish-expertise-refused-by-field");
        Assert.Empty(await page.AccessibilityViolationsAsync());

        await page.GetByLabel("Languages (codes such as nl, en; separated by commas)").FillAsync("nl, en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        var (id, resource) = await PublishedAsync(page, title);
        var offer = resource.GetProperty("expertise");
        Assert.Equal("team", offer.GetProperty("providerKind").GetString());
        Assert.Equal(["time-series", "edge-ai"], offer.GetProperty("skills").EnumerateArray().Select(s => s.GetString()).Order().Reverse());
        Assert.Equal("C", offer.GetProperty("sectors")[0].GetString());
        Assert.Equal("NL-OV", offer.GetProperty("region").GetString());
        Assert.False(offer.GetProperty("wantsContact").GetBoolean());
    }

    [Fact]
    public async Task Every_field_of_the_dataset_registry_is_asked_for_checked_by_the_hub_shown_and_kept_when_editing()
    {
        // The dataset's version is the field added through the registry alone (issue 17); it is checked with the others.
        Assert.Contains(DatasetTextFields.All, field => field.Name == "version");
        var page = await SignedInStaffAsync("/staff/publish", "AI-hub Zuid-Holland");
        var title = $"Kwelderkartering {Guid.NewGuid():N}"[..30];
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var values = DatasetTextFields.All.ToDictionary(field => field.Name, field => field.Allowed?[^1] ?? $"{field.Name} {suffix}");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Publisher").FillAsync("Rijkswaterstaat");

        // Too long everywhere first: the hub's reason for each field comes back next to that field.
        var free = DatasetTextFields.All.Where(field => field.Allowed is null).ToList();
        foreach (var field in free)
        {
            await page.GetByLabel(field.Label.En, new() { Exact = true }).FillAsync(new string('x', field.MaxLength + 1));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        foreach (var field in free)
        {
            Assert.Equal("true", await page.Locator($"#{field.Name}").GetAttributeAsync("aria-invalid"));
            Assert.Contains(field.Path, await page.Locator($"#{field.Name}-error").TextContentAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await page.AccessibilityViolationsAsync());

        foreach (var field in DatasetTextFields.All)
        {
            var input = page.GetByLabel(field.Label.En, new() { Exact = true });
            await (field.Allowed is null ? input.FillAsync(values[field.Name]) : input.SelectOptionAsync(values[field.Name]));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        var (id, resource) = await PublishedAsync(page, title);
        Assert.All(DatasetTextFields.All, field => Assert.Equal(values[field.Name], resource.GetProperty("dataset").GetProperty(field.Name).GetString()));

        // On the resource page: a fact under its label, or a note under the datasheet heading.
        await page.GotoAsync($"/resources/{id}");
        foreach (var field in DatasetTextFields.All)
        {
            var shown = field.Note
                ? page.Locator("section[aria-labelledby='datasheet-heading']")
                : page.Locator("dl.facts > div").Filter(new() { Has = page.Locator("dt", new() { HasTextString = field.Label.En }) }).Locator("dd");
            Assert.Contains(values[field.Name], await shown.TextContentAsync(), StringComparison.Ordinal);
        }

        // Editing something else keeps every one of them, in the form and at the hub.
        await page.GotoAsync($"/staff/resources/{id}/edit");
        foreach (var field in DatasetTextFields.All)
        {
            Assert.Equal(values[field.Name], await page.GetByLabel(field.Label.En, new() { Exact = true }).InputValueAsync());
        }

        await page.GetByLabel("Summary (one sentence)").FillAsync("Vegetatiekaarten van de kwelders.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        Assert.Contains("Saved:", await page.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        var edited = (await Eventually.Until(() => Catalogue.Http.GetFromJsonAsync<JsonElement>($"resources/{id}"),
            r => r.GetProperty("resource").GetProperty("summary").GetString() == "Vegetatiekaarten van de kwelders.",
            TimeSpan.FromSeconds(30), "the edit to reach the catalogue")).GetProperty("resource");
        Assert.All(DatasetTextFields.All, field => Assert.Equal(values[field.Name], edited.GetProperty("dataset").GetProperty(field.Name).GetString()));
    }

    /// <summary>The resource the page says was published, as the catalogue holds it once it has arrived there.</summary>
    private async Task<(Guid Id, JsonElement Resource)> PublishedAsync(IPage page, string title)
    {
        Assert.Contains("Published:", await page.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        var id = Guid.Parse((await page.GetByRole(AriaRole.Link, new() { Name = title }).GetAttributeAsync("href"))!.Split('/')[^1]);
        var held = await Eventually.Until(() => Catalogue.Http.GetFromJsonAsync<JsonElement>($"resources/{id}"),
            r => r.TryGetProperty("resource", out _), TimeSpan.FromSeconds(30), $"{title} to reach the catalogue");
        return (id, held.GetProperty("resource"));
    }

    private async Task<IPage> SignedInStaffAsync(string path, string hubName)
    {
        var page = await OpenAsync("en", path);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await page.SignInAtAsync(hubName, "staff");
        await page.WaitForPageAsync(path);
        return page;
    }
}
