using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>
/// The hub's pages for people: signing out takes the hub's own form (a cross-site post or a logout link signs nobody
/// out), and every answer tells the browser to run and load nothing the hub did not write (CSP, nosniff).
/// </summary>
public sealed class SignOutAndPagePolicySpecs : SpecsOnAFresh<HubHost>
{
    [Fact]
    public async Task A_sign_out_posted_from_another_site_changes_nothing()
    {
        using var browser = Host.CreateBrowser();
        await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword);

        // What a form on another site sends: the session cookie rides along, the antiforgery token cannot.
        var forged = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var logoutLink = await browser.GetAsync("/connect/logout");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("/account/sign-out", logoutLink.Headers.Location?.OriginalString);
        Assert.True(await IsSignedInAsync(browser));
    }

    [Fact]
    public async Task The_hubs_own_sign_out_form_signs_out()
    {
        using var browser = Host.CreateBrowser();
        await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword);
        var page = await browser.GetStringAsync("/account/sign-out");

        var signedOut = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"").Groups[1].Value),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.False(await IsSignedInAsync(browser));
    }

    [Fact]
    public async Task A_logout_with_the_members_own_identity_token_signs_out_and_with_someone_elses_it_asks()
    {
        using var researcher = Host.CreateBrowser();
        var own = await HubSignIn.SignInAsync(researcher, "researcher", LocalInfrastructure.DemoPassword);
        using var company = Host.CreateBrowser();
        var other = await HubSignIn.SignInAsync(company, "company", LocalInfrastructure.DemoPassword);

        var withOthers = await researcher.GetAsync($"/connect/logout?id_token_hint={other.IdToken}");
        Assert.Equal("/account/sign-out", withOthers.Headers.Location?.OriginalString);
        Assert.True(await IsSignedInAsync(researcher));

        var withOwn = await researcher.GetAsync($"/connect/logout?id_token_hint={own.IdToken}");
        Assert.Equal(HttpStatusCode.Redirect, withOwn.StatusCode);
        Assert.False(await IsSignedInAsync(researcher));
    }

    [Fact]
    public async Task The_sign_in_page_allows_its_own_style_and_nothing_else()
    {
        using var browser = Host.CreateBrowser();

        var answer = await browser.GetAsync("/account/sign-in");

        var policy = answer.Headers.GetValues("Content-Security-Policy").Single();
        var style = Regex.Match(await answer.Content.ReadAsStringAsync(), "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains($"style-src 'sha256-{hash}'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/resources")]
    [InlineData("/no-such-page")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Every_answer_of_the_api_forbids_scripts_framing_and_sniffing(string path)
    {
        using var client = Host.CreateClient();

        var answer = await client.GetAsync(path);

        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'", answer.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", answer.Headers.GetValues("Referrer-Policy").Single());
    }

    // Signed in means an authorization request goes straight back to the client with a code, not to the sign-in form.
    private static async Task<bool> IsSignedInAsync(HttpClient browser)
    {
        var request = HubSignIn.AuthorizationRequest();
        var answer = await browser.GetAsync(request.Url);
        return answer.Headers.Location is { } location && location.OriginalString.StartsWith(HubSignIn.CliRedirect.AbsoluteUri, StringComparison.Ordinal);
    }
}
