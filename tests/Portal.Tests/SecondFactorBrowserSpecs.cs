using Federation.Contracts.Hub;
using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// A new member of staff, invited as staff, enrols their second factor at their first sign-in (the key shown, a code
/// from it, ten recovery codes), signs in with it, and with a recovery code when the device is gone: all in Chromium,
/// the codes computed as an authenticator app does.
/// </summary>
public sealed class SecondFactorBrowserSpecs(PortalFixture portal) : BrowserSpecs(portal)
{
    private const string Password = "een-heel-lang-wachtwoord-voor-staf";
    private const string HubName = "AI-hub Oost Nederland";

    [Fact]
    public async Task New_staff_enrol_a_second_factor_sign_in_with_it_and_with_a_recovery_code()
    {
        var email = LocalMail.NewAddress("lotte");
        await Hub("oost-nederland").StaffClient().InviteAsync(
            new InvitationInput(email, "oost-nederland-hub", "Lotte Smits", ["hub-staff", "member"]), CancellationToken.None).EnsureSuccessAsync();
        var person = await OpenAsync("en");
        await person.GotoAsync(Assert.Single((await LocalMail.Sink.WaitForAsync(email, "invitation")).Links).ToString());
        await person.GetByLabel("Username").FillAsync("lotte");
        await person.GetByLabel("Password (at least 12 characters)").FillAsync(Password);
        await person.GetByLabel("The same password again").FillAsync(Password);
        await person.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await PasswordAsync(person);
        await person.WaitForPageAsync(url => url.Contains("/account/two-factor/enrol", StringComparison.Ordinal), what: "the enrolment page");
        var key = (await person.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await person.Locator("#code").FillAsync(Totp.Code(key));
        await person.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        var codes = await person.Locator("#recovery-codes li").AllTextContentsAsync();
        Assert.Equal(10, codes.Count);
        await person.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await person.WaitForPageAsync(url => IsPortalPage(url) && !url.Contains("/sign-in", StringComparison.Ordinal), what: "the portal after enrolling");
        Assert.Contains("Lotte Smits", await person.Locator(".account .who").TextContentAsync(), StringComparison.Ordinal);

        // The next time: the password, then the app's code.
        var again = await OpenAsync("en");
        await PasswordAsync(again);
        await again.Locator("#code").FillAsync(Totp.Code(key));
        await again.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await again.WaitForPageAsync(url => IsPortalPage(url) && !url.Contains("/sign-in", StringComparison.Ordinal), what: "the portal after the code");
        Assert.Contains("Lotte Smits", await again.Locator(".account .who").TextContentAsync(), StringComparison.Ordinal);

        // The device is gone: a recovery code, once.
        var lost = await OpenAsync("en");
        await PasswordAsync(lost);
        await lost.GetByRole(AriaRole.Link, new() { Name = "Lost your device? Use a recovery code" }).ClickAsync();
        await lost.GetByLabel("Recovery code").FillAsync(codes[0]);
        await lost.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await lost.WaitForPageAsync(url => IsPortalPage(url) && !url.Contains("/sign-in", StringComparison.Ordinal), what: "the portal after the recovery code");
        Assert.Contains("Lotte Smits", await lost.Locator(".account .who").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await lost.AccessibilityViolationsAsync());
    }

    private static async Task PasswordAsync(IPage page)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = HubName, Exact = true }).ClickAsync();
        await page.Locator("#username").FillAsync("lotte");
        await page.Locator("#password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPageAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), what: "the page after the password");
    }
}
