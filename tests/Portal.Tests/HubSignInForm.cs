using Federation.Testing;
using Microsoft.Playwright;

namespace Federation.Portal.Tests;

/// <summary>
/// Signing in the way a person does: choosing the hub on the portal's sign-in page, then the hub's own password form,
/// and for staff the code of their authenticator app.
/// </summary>
internal static class HubSignInForm
{
    public static async Task SignInAtAsync(this IPage page, string hubName, string username)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = hubName, Exact = true }).ClickAsync();
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(LocalInfrastructure.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForPageAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), what: "after the password");
        if (page.Url.Contains(HubSignIn.SecondFactorPath, StringComparison.Ordinal))
        {
            await page.Locator("#code").FillAsync(Totp.Code(LocalInfrastructure.DemoAuthenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }
    }
}
