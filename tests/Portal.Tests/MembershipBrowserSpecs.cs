using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// Membership run in the browser: staff invite someone on the portal and the person follows the link in the real mail
/// to a working account; someone asks to join through the portal, confirms their address from the mail, staff admit
/// them, and they sign in.
/// </summary>
public sealed class MembershipBrowserSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    private const string Password = "een-heel-lang-wachtwoord-2026";

    [Fact]
    public async Task An_invitation_sent_on_the_portal_is_followed_from_the_real_mail_to_a_working_account()
    {
        var staff = await OpenAsync("en", "/staff/invitations");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await staff.SignInAtAsync("AI-hub Noord-Nederland", "staff");
        await staff.WaitForPageAsync("/staff/invitations");
        var email = LocalMail.NewAddress("sanne");

        await staff.GetByLabel("E-mail address").FillAsync(email);
        await staff.GetByLabel("Name (optional)").FillAsync("Sanne Mulder");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        Assert.Contains("Invitation sent.", await staff.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await staff.AccessibilityViolationsAsync());
        foreach (var path in new[] { "/staff/members", "/staff/organisations" })
        {
            await staff.GotoAsync(path);
            Assert.Empty(await staff.AccessibilityViolationsAsync());
        }

        var mail = await LocalMail.Sink.WaitForAsync(email, "invitation");
        var person = await OpenAsync("en");
        await person.GotoAsync(Assert.Single(mail.Links).ToString());
        await person.GetByLabel("Username").FillAsync("sanne");
        await person.GetByLabel("Password (at least 12 characters)").FillAsync(Password);
        await person.GetByLabel("The same password again").FillAsync(Password);
        await person.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        Assert.Equal("Welcome", await person.Locator("h1").TextContentAsync());

        await SignInAsync(person, "AI-hub Noord-Nederland", "sanne");
        Assert.Contains("Sanne Mulder", await person.Locator(".account .who").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_asks_to_join_confirms_from_the_mail_is_admitted_by_staff_and_signs_in()
    {
        var email = LocalMail.NewAddress("jan");
        var person = await OpenAsync("en", "/join");
        await person.GetByRole(AriaRole.Link, new() { Name = "AI-hub Brightlands" }).ClickAsync();
        await person.GetByLabel("Your name").FillAsync("Jan Hermans");
        await person.GetByLabel("E-mail address").FillAsync(email);
        await person.GetByLabel("Organisation", new() { Exact = true }).FillAsync("Maastricht University");
        await person.GetByLabel("Kind of organisation").SelectOptionAsync("university");
        await person.GetByLabel("Why you want to join").FillAsync("Ik wil zorgdata uit de regio gebruiken voor onderzoek naar AI in de zorg.");
        await person.GetByRole(AriaRole.Button, new() { Name = "Ask to join" }).ClickAsync();
        Assert.Equal("Check your mailbox", await person.Locator("h1").TextContentAsync());
        var confirmation = await LocalMail.Sink.WaitForAsync(email, "Confirm");
        await person.GotoAsync(Assert.Single(confirmation.Links).ToString());
        await person.GetByRole(AriaRole.Button, new() { Name = "Confirm my request" }).ClickAsync();
        Assert.Equal("Request confirmed", await person.Locator("h1").TextContentAsync());

        var staff = await OpenAsync("en", "/staff/join-requests");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await staff.SignInAtAsync("AI-hub Brightlands", "staff");
        await staff.WaitForPageAsync("/staff/join-requests");
        var request = staff.Locator("li.request", new() { HasText = "Jan Hermans" });
        await request.GetByRole(AriaRole.Button, new() { Name = "Admit (sends an invitation)" }).ClickAsync();
        Assert.Contains("Admitted", await staff.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await staff.AccessibilityViolationsAsync());

        var invitation = await LocalMail.Sink.WaitForAsync(email, "invitation");
        await person.GotoAsync(Assert.Single(invitation.Links).ToString());
        Assert.Equal("Jan Hermans", await person.GetByLabel("Your name").InputValueAsync());
        await person.GetByLabel("Username").FillAsync("jan.hermans");
        await person.GetByLabel("Password (at least 12 characters)").FillAsync(Password);
        await person.GetByLabel("The same password again").FillAsync(Password);
        await person.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await SignInAsync(person, "AI-hub Brightlands", "jan.hermans");
        Assert.Contains("Jan Hermans", await person.Locator(".account .who").TextContentAsync(), StringComparison.Ordinal);
    }

    private static async Task SignInAsync(IPage page, string hubName, string username)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = hubName, Exact = true }).ClickAsync();
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPageAsync(url => !url.Contains("/account/", StringComparison.Ordinal), what: "the portal after signing in");
    }
}
