using System.Text.Json;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// People of universities sign in with their institution (the SURFconext stand-in, a real OpenID Provider): one of a
/// domain the hub admits becomes a member at the first sign-in; one of another domain asks, staff admit them, and they
/// are in; suspended, their next request ends their session. A member downloads their
/// data and closes their account. Each spec uses people of its own.
/// </summary>
public sealed class InstitutionBrowserSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    // When this spec began (xUnit makes an instance per spec): mail to a demo person's address from an earlier spec of
    // the run must not answer for this one's.
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    private const string Noord = "AI-hub Noord-Nederland";

    [Fact]
    public async Task A_researcher_of_a_domain_the_hub_admits_is_a_member_at_the_first_sign_in()
    {
        var person = await OpenAsync("en");

        await SignInWithInstitutionAsync(person, Noord, LocalInstitutions.RugResearcher);

        await person.WaitForPageAsync(url => !url.Contains("/account/", StringComparison.Ordinal) && IsPortalPage(url),
            what: "the portal after signing in with the institution");
        Assert.Contains("Anna Dijkstra", await person.Locator(".account .who").TextContentAsync(), StringComparison.Ordinal);
        await person.GotoAsync("/me/account");
        Assert.Empty(await person.AccessibilityViolationsAsync());
    }

    [Fact]
    public async Task Someone_of_another_domain_waits_for_staff_is_admitted_and_is_cut_off_at_the_next_request_once_suspended()
    {
        var person = await OpenAsync("en");
        await SignInWithInstitutionAsync(person, Noord, LocalInstitutions.HanzeLecturer);
        await person.WaitForPageAsync(url => url.Contains("/account/institution/done", StringComparison.Ordinal), what: "the hub's question");
        Assert.Equal($"Join {Noord}", await person.Locator("h1").TextContentAsync());
        await person.GetByLabel("Why you want to join").FillAsync("Onderzoek naar AI in de zorg in Groningen, met data van meerdere hubs.");
        await person.GetByRole(AriaRole.Button, new() { Name = "Ask to join" }).ClickAsync();
        Assert.Equal("Request received", await person.Locator("h1").TextContentAsync());

        var staff = await OpenAsync("en", "/staff/join-requests");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Sign in as staff of your hub" }).ClickAsync();
        await staff.SignInAtAsync(Noord, "staff");
        await staff.WaitForPageAsync("/staff/join-requests");
        var request = staff.Locator("li.request", new() { HasText = "Merel Kuipers" });
        Assert.Contains("signed in through surfconext", await request.TextContentAsync(), StringComparison.Ordinal);
        await request.GetByRole(AriaRole.Button, new() { Name = "Admit (signs in through their institution)" }).ClickAsync();
        Assert.Contains("Admitted", await staff.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        var member = await OpenAsync("en");
        await SignInWithInstitutionAsync(member, Noord, LocalInstitutions.HanzeLecturer);
        await member.WaitForPageAsync(url => IsPortalPage(url) && !url.Contains("/sign-in", StringComparison.Ordinal),
            what: "the portal after the admitted sign-in");
        Assert.Contains("Merel Kuipers", await member.Locator(".account .who").TextContentAsync(), StringComparison.Ordinal);
        // Signed in at home, and a guest at Brainport: her requests there are read with a Brainport token.
        await member.GotoAsync("/me");
        Assert.Equal(0, await member.Locator(".message.problem").CountAsync());

        await staff.GotoAsync("/staff/members");
        var row = staff.Locator("[data-member]", new() { HasText = "Merel Kuipers" });
        await row.GetByLabel("Reason (the person is told it)").First.FillAsync("Account gedeeld met een collega.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        Assert.Contains("Suspended", await staff.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);

        // Her next request: the home hub refuses her token and the portal's session ends with it.
        await member.GotoAsync("/me");
        await member.GotoAsync("/me");
        Assert.Equal(0, await member.Locator(".account .who").CountAsync());
        Assert.True(await member.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).CountAsync() > 0, "the page asks her to sign in again");
        // Nor can she sign in again through her institution while suspended. (That the other hubs refuse the guest
        // tokens they issued her, told by her home hub, MemberSuspensionSpecs shows on the real broker.)
        var again = await OpenAsync("en");
        await SignInWithInstitutionAsync(again, Noord, LocalInstitutions.HanzeLecturer);
        await again.WaitForPageAsync(url => url.Contains("/account/institution/done", StringComparison.Ordinal), what: "the hub's refusal");
        Assert.Contains("cannot sign in now", await again.Locator("body").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_downloads_their_data_and_closes_their_account()
    {
        var person = await OpenAsync("en");
        await SignInWithInstitutionAsync(person, Noord, LocalInstitutions.RugStudent);
        await person.WaitForPageAsync(url => IsPortalPage(url) && !url.Contains("/sign-in", StringComparison.Ordinal),
            what: "the portal after signing in");
        await person.GotoAsync("/me/account");
        Assert.Empty(await person.AccessibilityViolationsAsync());

        var download = await person.RunAndWaitForDownloadAsync(() => person.GetByRole(AriaRole.Link, new() { Name = "Download my data" }).ClickAsync());
        var file = await download.PathAsync();
        var data = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
        Assert.Equal(LocalInstitutions.RugStudent, data.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal("rug", data.GetProperty("organisation").GetProperty("id").GetString());
        Assert.Contains(data.GetProperty("auditRecords").EnumerateArray(), record => record.GetProperty("action").GetString() == "member.admitted");

        await person.GetByLabel("Type your username to confirm").FillAsync("not-my-name");
        await person.GetByRole(AriaRole.Button, new() { Name = "Close my account for good" }).ClickAsync();
        Assert.Contains("did not do it", await person.GetByRole(AriaRole.Alert).TextContentAsync(), StringComparison.Ordinal);
        await person.GetByLabel("Type your username to confirm").FillAsync(LocalInstitutions.RugStudent);
        await person.GetByRole(AriaRole.Button, new() { Name = "Close my account for good" }).ClickAsync();

        Assert.Contains("We sent you an e-mail", await person.GetByRole(AriaRole.Status).TextContentAsync(), StringComparison.Ordinal);
        var link = (await LocalMail.Sink.WaitForAsync(LocalInstitutions.RugStudent, "Confirm closing", started)).Links.Single(l => l.AbsolutePath == "/account/close");
        await person.GotoAsync(link.ToString());
        await person.GetByRole(AriaRole.Button, new() { Name = "Close my account for good" }).ClickAsync();

        Assert.Equal("Your account is closed", await person.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync());
        Assert.Contains("is closed", (await LocalMail.Sink.WaitForAsync(LocalInstitutions.RugStudent, "is closed", started)).Subject, StringComparison.Ordinal);
    }

    private static async Task SignInWithInstitutionAsync(IPage page, string hubName, string login)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = hubName, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with SURFconext (stand-in)" }).ClickAsync();
        await page.GetByLabel("E-mail address at your institution").FillAsync(login);
        await page.GetByLabel("Password").FillAsync(LocalInfrastructure.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }
}
