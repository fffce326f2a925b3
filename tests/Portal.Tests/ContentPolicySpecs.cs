using Federation.Contracts.Hub;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// Every page of the portal runs under its Content-Security-Policy without a single violation in a real browser: the
/// policy forbids everything the portal did not serve itself, and the portal needs nothing else (no inline script or
/// style anywhere), signed out, signed in, as a member and as staff.
/// </summary>
public sealed class ContentPolicySpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task The_pages_run_under_the_policy_without_a_violation()
    {
        var dataset = await PublishAsync("brainport", new ResourceInput
        {
            Kind = "dataset", Title = $"Policy check {Guid.NewGuid():N}", Summary = "A dataset for the page policy.", Licence = "CC-BY-4.0",
            AccessPolicy = "approval", Publisher = "TU/e", Keywords = ["policy"],
        });
        var page = await OpenAsync("en");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };

        var answer = await page.GotoAsync("/");
        Assert.Contains("script-src 'self'", await answer!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        foreach (var path in new[] { "/?q=policy", "/expertise", "/federation", $"/resources/{dataset}", "/sign-in" })
        {
            await page.GotoAsync(path);
        }

        await page.GotoAsync($"/resources/{dataset}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in at your hub to use the files or ask for access" }).ClickAsync();
        await page.SignInAtAsync("AI-hub Brainport", "staff");
        await page.WaitForPageAsync($"/resources/{dataset}");
        foreach (var path in new[] { "/me", "/staff/requests", "/staff/resources", "/staff/publish", "/staff/grants", "/staff/audit" })
        {
            await page.GotoAsync(path);
        }

        Assert.Empty(violations);
    }
}
