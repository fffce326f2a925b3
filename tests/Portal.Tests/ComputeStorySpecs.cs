using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Federation.Contracts.Compute;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// The AI factory's story in five browsers: the factory's staff open a call on the portal; a Brainport start-up finds it
/// on the factory's page and applies through its home hub (refused next to the field first); Brainport's staff endorse
/// it; two outside reviewers score it (they see no award button); the factory's staff award it and upload the
/// scheduler's accounting; the member sees at home the hours used and left and the 80 % warning; and the open
/// accounting counts the hours in Brainport's row.
/// </summary>
public sealed class ComputeStorySpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task A_start_up_applies_through_its_hub_is_endorsed_scored_and_awarded_and_sees_its_use_at_home()
    {
        var factoryName = LocalFederation.Facility.Name;
        var callTitle = $"Spring call {Guid.NewGuid():N}"[..20];
        var project = $"Wafer defects {Guid.NewGuid():N}"[..22];
        var offer = (await Catalogue.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("search?kind=compute&accessMode=call"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        var awardedToBrainportBefore = await AwardedToBrainportAsync();

        // The factory's staff open a call: a call without a title is refused next to the field, then one is opened.
        var factory = await OpenAsync("en", "/facility/calls");
        await factory.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await factory.SignInAtAsync(factoryName, "staff");
        await factory.WaitForPageAsync("/facility/calls", TimeSpan.FromSeconds(90));
        await factory.GetByLabel("Compute offer").SelectOptionAsync(offer.ToString());
        await factory.GetByLabel("Accelerator-hours to give out").FillAsync("5000");
        await factory.GetByLabel("Start-ups").CheckAsync();
        await factory.GetByLabel("Applications until").FillAsync(Day(10));
        await factory.GetByLabel("Reviewers per application").FillAsync("2");
        await factory.GetByLabel("Allocations run from").FillAsync(Day(0));
        await factory.GetByLabel("Allocations run until").FillAsync(Day(120));
        await factory.GetByRole(AriaRole.Button, new() { Name = "Open the call" }).ClickAsync();
        Assert.Contains("title", await factory.Locator("#title-error").TextContentAsync(), StringComparison.OrdinalIgnoreCase);
        await factory.GetByLabel("Title").FillAsync(callTitle);
        await factory.GetByRole(AriaRole.Button, new() { Name = "Open the call" }).ClickAsync();
        Assert.Contains("The call was opened.", await factory.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await factory.Locator("table.calls-table tr").Filter(new() { HasText = callTitle }).CountAsync());
        Assert.Empty(await factory.AccessibilityViolationsAsync());

        // A Brainport start-up finds the call on the factory's page and applies through its hub.
        var member = await OpenAsync("en", $"/facilities/{LocalFederation.Facility.Id}");
        Assert.Equal(factoryName, (await member.Locator("h1").TextContentAsync())?.Trim());
        Assert.True(await member.Locator("table.facility-offers tbody tr").CountAsync() >= 1, "the factory's offers are not listed");
        Assert.Empty(await member.AccessibilityViolationsAsync());
        var call = member.Locator(".call").Filter(new() { HasText = callTitle });
        await call.GetByRole(AriaRole.Link, new() { Name = "Apply through your hub" }).ClickAsync();
        await member.SignInAtAsync("AI-hub Brainport", "company");
        await member.WaitForPageAsync(url => url.Contains("/me/compute/apply", StringComparison.Ordinal), what: "the application form");
        await member.GetByLabel("Project").FillAsync(project);
        await member.GetByLabel("Summary: what the compute is for and what will come of it").FillAsync("Too short.");
        await member.GetByLabel("Accelerator-hours").FillAsync("1000");
        await member.GetByLabel("Province").SelectOptionAsync("NL-NB");
        await member.GetByLabel("AI Act risk class of what you will build").SelectOptionAsync("minimal");
        await member.GetByLabel("Will personal data be processed?").SelectOptionAsync("no");
        await member.GetByRole(AriaRole.Button, new() { Name = "Send the application" }).ClickAsync();
        Assert.Contains("50 characters", await member.Locator("#summary-error").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await member.AccessibilityViolationsAsync());
        await member.GetByLabel("Summary: what the compute is for and what will come of it")
            .FillAsync("Fine-tuning a vision model on wafer images to find defects earlier; the model is published in the federation.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Send the application" }).ClickAsync();
        await member.WaitForPageAsync("/me/compute?done=applied");
        var row = member.Locator("table.applications tr").Filter(new() { HasText = project });
        Assert.Contains("At your hub", await row.TextContentAsync(), StringComparison.Ordinal);

        // Brainport's staff endorse it.
        var home = await OpenAsync("en", "/staff/compute");
        await home.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await home.SignInAtAsync("AI-hub Brainport", "staff");
        await home.WaitForPageAsync("/staff/compute", TimeSpan.FromSeconds(90));
        var waiting = home.Locator(".request").Filter(new() { HasText = project });
        Assert.Empty(await home.AccessibilityViolationsAsync());
        await waiting.GetByLabel("Checked: the organisation is eligible (Start-ups)").CheckAsync();
        await waiting.GetByLabel("Advice for the facility").FillAsync("A real start-up of our region, known to us for two years.");
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Endorse and send on" }).ClickAsync();
        Assert.Contains("endorsed and sent to the facility", await home.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        // Two outside reviewers score it at the factory; they cannot award.
        foreach (var (reviewer, score) in new[] { ("reviewer-tue", "4"), ("reviewer-rug", "5") })
        {
            var panel = await OpenAsync("en", "/facility/applications");
            await panel.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
            await panel.SignInAtAsync(factoryName, reviewer);
            await panel.WaitForPageAsync("/facility/applications", TimeSpan.FromSeconds(90));
            var received = panel.Locator(".request").Filter(new() { HasText = project });
            await Eventually.Until(async () =>
            {
                await panel.ReloadAsync();
                return await received.CountAsync();
            }, count => count == 1, TimeSpan.FromSeconds(30), "the endorsed application at the factory");
            Assert.Contains("A real start-up of our region", await received.TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await received.GetByRole(AriaRole.Button, new() { Name = "Award" }).CountAsync());
            await received.GetByLabel("Score").SelectOptionAsync(score);
            await received.GetByLabel("Comment for the staff").FillAsync("Clear plan, sensible request for the data it has.");
            await received.GetByRole(AriaRole.Button, new() { Name = "Score" }).ClickAsync();
            Assert.Contains("Your review was recorded.", await panel.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        }

        // The factory's staff award it, then upload the scheduler's accounting: 850 of its 1,000 hours used.
        await factory.GotoAsync("/facility/applications");
        var decision = factory.Locator(".request").Filter(new() { HasText = project });
        Assert.Contains("Reviews: 2 of 2", await decision.TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await factory.AccessibilityViolationsAsync());
        await PortalFixture.ScreenshotAsync(factory, "facility-applications");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Award" }).ClickAsync();
        Assert.Contains("Awarded", await factory.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        var account = await AccountOfAsync(project);
        // With its offset (SLURM_TIME_FORMAT=%FT%T%z): without one the facility reads Dutch time, and early in a UTC day
        // the job would end before the allocation's first day.
        var ended = DateTime.UtcNow.AddMinutes(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        var accounting = new StringBuilder("JobID|JobName|Account|Partition|Elapsed|AllocTRES|ConsumedEnergyRaw|State|End\n")
            .Append(CultureInfo.InvariantCulture, $"{Job()}|train|{account}|gpu-h100|4-04:00:00|billing=64,cpu=64,gres/gpu=8,mem=500G,node=1|1800000000|COMPLETED|{ended}\n")
            .Append(CultureInfo.InvariantCulture, $"{Job()}|eval|{account}|gpu-h100|1-01:00:00|gres/gpu=2,node=1|90000000|COMPLETED|{ended}\n")
            .ToString();
        await factory.GotoAsync("/facility/usage");
        await factory.GetByLabel("Accounting file").SetInputFilesAsync(new FilePayload { Name = "sacct.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(accounting) });
        await factory.GetByLabel("Only check (keep nothing)").CheckAsync();
        await factory.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        Assert.Contains("Checked, nothing kept: 2 new jobs (0 counted before), 850.0 accelerator-hours, 525.0 kWh.",
            await factory.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        await factory.GetByLabel("Accounting file").SetInputFilesAsync(new FilePayload { Name = "sacct.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(accounting) });
        await factory.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        Assert.Contains("Imported: 2 new jobs (0 were counted before), 850.0 accelerator-hours, 525.0 kWh.",
            await factory.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("850 of 1,000 accelerator-hours (85 %)", await factory.Locator($"tr:has(code:text-is('{account}'))").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await factory.AccessibilityViolationsAsync());
        await PortalFixture.ScreenshotAsync(factory, "facility-usage");

        // At home: the hours used and left, the energy, and the 80 % warning.
        var allocation = member.Locator(".allocation").Filter(new() { HasText = project });
        await Eventually.Until(async () =>
        {
            await member.GotoAsync("/me/compute");
            return await allocation.CountAsync() == 1 ? await allocation.TextContentAsync() : null;
        }, text => text?.Contains("850 of 1,000", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30), "the use to reach the member's home hub");
        var shown = await allocation.TextContentAsync();
        Assert.Contains("You have used 80 % of this allocation.", shown, StringComparison.Ordinal);
        Assert.Contains("150 accelerator-hours", shown, StringComparison.Ordinal);
        Assert.Contains("525.0 kWh", shown, StringComparison.Ordinal);
        Assert.Contains("Awarded", await member.Locator("table.applications tr").Filter(new() { HasText = project }).TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await member.AccessibilityViolationsAsync());
        await PortalFixture.ScreenshotAsync(member, "my-compute");
        var citation = (await allocation.Locator("code").Last.TextContentAsync())!.Trim();
        await member.GotoAsync("/me");
        Assert.Contains($"{factoryName} awarded you compute:", await member.Locator(".notifications").TextContentAsync(), StringComparison.Ordinal);

        // The model trained under it cites the allocation; Brainport fills in the hours and energy, and refuses an allocation it never held.
        var facilityId = citation[..citation.IndexOf('/', StringComparison.Ordinal)];
        var allocationId = Guid.Parse(citation[(citation.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var refused = await Hub("brainport").StaffClient().CreateResourceAsync(ModelTrainedUnder(project, facilityId, Guid.CreateVersion7()), CancellationToken.None);
        Assert.Contains("awarded no allocation", refused.Errors["model.trainedUnder.allocationId"][0], StringComparison.Ordinal);
        var othersUse = await Hub("brainport").StaffClient().CreateResourceAsync(
            ModelTrainedUnder(project, facilityId, allocationId) with { Publisher = "TU Eindhoven" }, CancellationToken.None);
        Assert.Contains("a model cites only an allocation of the organisation that publishes it", othersUse.Errors["model.trainedUnder.allocationId"][0], StringComparison.Ordinal);
        var model = await PublishAsync("brainport", ModelTrainedUnder(project, facilityId, allocationId));
        await member.GotoAsync($"/resources/{model}");
        var trained = await member.Locator("dl.training-compute").TextContentAsync();
        Assert.Contains(factoryName, trained, StringComparison.Ordinal);
        Assert.Contains("850", trained, StringComparison.Ordinal);
        Assert.Contains("525.0 kWh", trained, StringComparison.Ordinal);
        Assert.Contains("gpu-h100", trained, StringComparison.Ordinal);
        Assert.Empty(await member.AccessibilityViolationsAsync());

        // The open accounting counts the award in Brainport's row.
        await member.GotoAsync("/transparency");
        var byHub = member.Locator($"section[data-facility={LocalFederation.Facility.Id}] figure.chart:has(figcaption:text-is('Awarded by hub'))");
        var brainportRow = byHub.Locator("table tbody tr").Filter(new() { Has = member.Locator("th:text-is('AI-hub Brainport')") });
        var awardedToBrainport = await AwardedToBrainportAsync();
        Assert.Equal(1_000m, awardedToBrainport - awardedToBrainportBefore);
        Assert.Equal(awardedToBrainport, decimal.Parse((await brainportRow.Locator("td").TextContentAsync())!, NumberStyles.Number, CultureInfo.GetCultureInfo("en")));
    }

    private static ResourceInput ModelTrainedUnder(string project, string facilityId, Guid allocationId) => new()
    {
        Kind = "model", Title = $"{project} detector", Summary = "Finds wafer defects in inspection images.", Licence = "Apache-2.0",
        AccessPolicy = "federation", Publisher = "Kempen Precision Parts B.V.",
        Model = new ModelInput("image-classification", "image", "fine-tuned ViT", 86_000_000, null, null, null, null, null,
            new AiActInput("minimal", null, null), null, "NL", new AllocationCitationInput(facilityId, allocationId)),
    };

    // What the factory's open accounting says was awarded to Brainport's members, in all.
    private async Task<decimal> AwardedToBrainportAsync() =>
        (await Hub(LocalFederation.Facility.Id).Http.GetFromJsonAsync<FacilityAccounting>("transparency", FederationJson.Options))!.Rows
            .Where(r => r.Dimension == "hub" && r.Value == "brainport" && r.Measure == "awardedHours").Sum(r => r.Amount);

    private static string Day(int fromToday) => DateTime.UtcNow.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Job() => Random.Shared.NextInt64(1_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);

    // The scheduler account of the allocation the award made, as the factory's API names it (the test plays the cluster).
    private async Task<string> AccountOfAsync(string project)
    {
        var factory = Hub(LocalFederation.Facility.Id);
        using var staff = new HttpClient { BaseAddress = factory.BaseUrl };
        staff.DefaultRequestHeaders.Authorization = await factory.StaffAuthorizationAsync();
        var awarded = (await staff.GetFromJsonAsync<List<ReceivedApplication>>("applications?state=awarded", FederationJson.Options))!
            .Single(application => application.Application.Project == project);
        var allocations = (await staff.GetFromJsonAsync<List<FacilityAllocation>>("allocations", FederationJson.Options))!;
        return allocations.Single(allocation => allocation.AllocationId == awarded.AllocationId).Account;
    }
}
