using Federation.Contracts.Hub;
using System.Security.Cryptography;
using System.Text.Json;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// The researcher story in two browsers: a researcher of Noord-Nederland signs in at home, asks Brainport for access
/// to a restricted dataset (a purpose too short is refused next to the field first), Brainport's staff approve in
/// their own browser session, and the researcher downloads the file, byte for byte as Brainport holds it, and marks the
/// approval read. Brainport's staff then revoke the access, and the file is refused from then on.
/// </summary>
public sealed class CrossHubStorySpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task A_researcher_signs_in_at_home_asks_another_hub_for_access_its_staff_approve_and_the_researcher_downloads()
    {
        var file = RandomNumberGenerator.GetBytes(200_000);
        var (dataset, title) = await PublishRestrictedDatasetAsync(file);

        var researcher = await OpenAsync("en", $"/resources/{dataset}");
        await researcher.GetByRole(AriaRole.Link, new() { Name = "Sign in at your hub to use the files or ask for access" }).ClickAsync();
        await researcher.SignInAtAsync("AI-hub Noord-Nederland", "researcher");
        await researcher.WaitForPageAsync($"/resources/{dataset}");
        Assert.Contains("(AI-hub Noord-Nederland)", await researcher.Locator(".account").TextContentAsync(), StringComparison.Ordinal);

        await researcher.GetByLabel("Purpose").FillAsync("Too short");
        await researcher.GetByLabel("I accept the terms").CheckAsync();
        await researcher.GetByRole(AriaRole.Button, new() { Name = "Request access" }).ClickAsync();
        Assert.Contains("purpose", await researcher.Locator("#purpose-error").TextContentAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("true", await researcher.Locator("#purpose").GetAttributeAsync("aria-invalid"));
        await PortalFixture.ScreenshotAsync(researcher, "request-refused-by-field");
        Assert.Empty(await researcher.AccessibilityViolationsAsync());

        await researcher.GetByLabel("Purpose").FillAsync("Training a tool-wear model for a PhD project on CNC milling, for two years.");
        await researcher.GetByLabel("I accept the terms").CheckAsync();
        await researcher.GetByRole(AriaRole.Button, new() { Name = "Request access" }).ClickAsync();
        Assert.Contains("Your request was sent to AI-hub Brainport", await researcher.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        var staff = await OpenAsync("en", "/staff/requests");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await staff.SignInAtAsync("AI-hub Brainport", "staff");
        // The page after sign-in asks the hub for its requests; on two busy shared cores that once took over 30 s.
        await staff.WaitForPageAsync("/staff/requests", TimeSpan.FromSeconds(90));
        var request = staff.Locator(".request").Filter(new() { HasText = title });
        Assert.Contains("Training a tool-wear model", await request.TextContentAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(staff, "staff-review");
        Assert.Empty(await staff.AccessibilityViolationsAsync());
        await request.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        Assert.Contains("Approved", await staff.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        await researcher.GotoAsync($"/resources/{dataset}");
        var download = await researcher.RunAndWaitForDownloadAsync(() => researcher.GetByRole(AriaRole.Link, new() { Name = "vibration.bin" }).ClickAsync());
        var saved = await download.PathAsync();
        var fileLink = await researcher.GetByRole(AriaRole.Link, new() { Name = "vibration.bin" }).GetAttributeAsync("href");
        Assert.Equal(file, await File.ReadAllBytesAsync(saved));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(file)), await researcher.Locator("table.files").First.TextContentAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(researcher, "resource-granted");

        // The decision travelled to the researcher's home hub, which shows it with the request's state at Brainport.
        await Eventually.Until(async () =>
        {
            await researcher.GotoAsync("/me");
            return await researcher.Locator(".notifications").AllTextContentsAsync();
        }, texts => texts.Any(t => t.Contains("AI-hub Brainport approved your request:", StringComparison.Ordinal) && t.Contains(title, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the approval to reach the researcher's home hub");
        Assert.Contains("Approved", await researcher.Locator("table.my-requests").Filter(new() { HasText = title }).TextContentAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(researcher, "my-requests");
        var approval = researcher.Locator(".notification.unread").Filter(new() { HasText = title });
        await approval.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).ClickAsync();
        await researcher.WaitForPageAsync("/me?done=read");
        Assert.Equal(1, await researcher.Locator(".notification").Filter(new() { HasText = title }).CountAsync());
        Assert.Equal(0, await researcher.Locator(".notification.unread").Filter(new() { HasText = title }).CountAsync());

        // Brainport's staff read who took the file, and can export the log as JSON lines.
        await staff.GotoAsync($"/staff/audit?action=artifact.downloaded");
        var downloads = staff.Locator("table.audit tbody tr").Filter(new() { HasText = "Dr. Lotte Visser" });
        Assert.True(await downloads.CountAsync() >= 1, "the download is not in Brainport's audit log");
        Assert.Contains("allowed", await downloads.First.TextContentAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(staff, "audit-log");
        var export = await staff.RunAndWaitForDownloadAsync(() => staff.GetByRole(AriaRole.Link, new() { Name = "Export everything (JSON lines)" }).ClickAsync());
        var lines = await File.ReadAllLinesAsync(await export.PathAsync());
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal("artifact.downloaded", JsonDocument.Parse(line).RootElement.GetProperty("action").GetString()));

        // Brainport's staff withdraw the access, with a reason; from then on Brainport refuses the researcher the file.
        await staff.GotoAsync("/staff/grants");
        var grant = staff.Locator(".request").Filter(new() { HasText = title });
        Assert.Contains("Dr. Lotte Visser only", await grant.TextContentAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(staff, "staff-grants");
        Assert.Empty(await staff.AccessibilityViolationsAsync());
        await grant.GetByLabel("Reason (the requester sees it)").FillAsync("The project's data agreement ended.");
        await grant.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        Assert.Contains("Revoked", await staff.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await staff.Locator(".request").Filter(new() { HasText = title }).CountAsync());

        await researcher.GotoAsync(fileLink!);
        Assert.Equal($"/resources/{dataset}", new Uri(researcher.Url).AbsolutePath);
        await Eventually.Until(async () =>
        {
            await researcher.GotoAsync("/me");
            return await researcher.Locator(".notification.unread").AllTextContentsAsync();
        }, texts => texts.Any(t => t.Contains("AI-hub Brainport revoked your access:", StringComparison.Ordinal) && t.Contains("data agreement ended", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the revocation to reach the researcher's home hub");
    }

    private async Task<(Guid Dataset, string Title)> PublishRestrictedDatasetAsync(byte[] file)
    {
        var title = $"Spindle vibration {Guid.NewGuid():N}";
        var id = await PublishAsync("brainport", new ResourceInput
        {
            Kind = "dataset", Title = title, Summary = "Restricted machine data.", Licence = "CC-BY-NC-4.0", AccessPolicy = "approval",
            Publisher = "Kempen Precision Parts B.V.",
        });
        await UploadAsync("brainport", id, "vibration.bin", file);
        return (id, title);
    }
}
