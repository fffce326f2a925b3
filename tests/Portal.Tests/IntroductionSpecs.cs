using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>A company asks an expert of another hub for an introduction; that hub's staff accept; the contact details reach the company at home.</summary>
public sealed class IntroductionSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    [Fact]
    public async Task A_company_asks_an_expert_of_another_hub_for_an_introduction_and_receives_the_contact_once_accepted()
    {
        var offers = await Catalogue.Http.GetFromJsonAsync<JsonElement>("search?kind=expertise&hub=brightlands&pageSize=50");
        var offer = offers.GetProperty("items").EnumerateArray().First();
        var title = offer.GetProperty("title").GetString()!;

        var company = await OpenAsync("en", $"/resources/{offer.GetProperty("id").GetString()}");
        await company.GetByRole(AriaRole.Link, new() { Name = "Sign in at your hub to ask for an introduction" }).ClickAsync();
        await company.SignInAtAsync("AI-hub Amsterdam", "company");
        await company.GetByLabel("What would you like to talk about?").FillAsync("We build fraud detection for a payment provider and look for help with model monitoring.");
        await company.GetByRole(AriaRole.Button, new() { Name = "Ask for an introduction" }).ClickAsync();
        Assert.Contains("Your request was sent to AI-hub Brightlands", await company.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        var staff = await OpenAsync("en", "/staff/requests");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await staff.SignInAtAsync("AI-hub Brightlands", "staff");
        var introduction = staff.Locator("[data-introduction]").Filter(new() { HasText = "fraud detection for a payment provider" });
        await introduction.GetByRole(AriaRole.Button, new() { Name = "Accept (share contact details)" }).ClickAsync();
        Assert.Contains("Accepted", await staff.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        var accepted = await Eventually.Until(async () =>
        {
            await company.GotoAsync("/me");
            return await company.Locator(".notifications").AllTextContentsAsync();
        }, texts => texts.Any(t => t.Contains("AI-hub Brightlands accepted your introduction:", StringComparison.Ordinal) && t.Contains(title, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the accepted introduction to reach the company's home hub");
        Assert.Contains(accepted, t => t.Contains("contact:", StringComparison.Ordinal));
        await PortalFixture.ScreenshotAsync(company, "introduction-accepted");
    }
}
