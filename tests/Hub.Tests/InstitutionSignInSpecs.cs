using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Hub.Identity.Accounts;
using Federation.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Federation.Hub.Tests;

/// <summary>
/// "Sign in with your institution" against a real outside OpenID Provider (the SURFconext stand-in, oidc-provider in
/// Node.js): people of a domain the rule names become members at once, anyone else asks and waits for staff, an
/// address the provider did not verify admits no one, an existing account is linked only when its password is given,
/// and the hub's tokens are its own (nothing of the provider's travels on).
/// </summary>
public sealed class InstitutionSignInSpecs : IAsyncLifetime
{
    // When this spec began (xUnit makes an instance per spec): mail to a demo person's address from an earlier spec of
    // the run must not answer for this one's.
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    private HubHost Host { get; set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await HubHost.StartAsync(settings: LocalInstitutions.HubSettings("brainport").ToDictionary(pair => pair.Key, pair => (string?)pair.Value));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task A_researcher_of_a_domain_the_rule_names_is_admitted_at_the_first_sign_in()
    {
        using var browser = Host.CreateBrowser();
        var signInPage = await browser.GetStringAsync("/account/sign-in");
        Assert.Contains("Sign in with SURFconext (stand-in)", signInPage, StringComparison.Ordinal);

        var done = await InstitutionSignIn.SignInAsync(browser, LocalInstitutions.RugResearcher);

        Assert.True(done.StatusCode == HttpStatusCode.Redirect, $"{done.StatusCode}: {Host.Warnings}");
        Assert.Equal("/", done.Headers.Location!.OriginalString);
        var tokens = await HubSignIn.AuthorizeWithSessionAsync(browser);
        var token = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("rug", token.GetClaim("org_id").Value);
        Assert.Equal("http://127.0.0.1:5999/", token.Issuer);
        Assert.DoesNotContain(token.Claims, claim => claim.Type is "schac_home_organization" or "eduperson_affiliation" or "sid");
        Assert.Equal(1, await Host.CountAuditAsync("member.admitted", "done"));
        Assert.Contains("Welcome", (await LocalMail.Sink.WaitForAsync(LocalInstitutions.RugResearcher, "Welcome", started)).Subject, StringComparison.Ordinal);

        // The second time, the link is known: signed in, no second account.
        using var later = Host.CreateBrowser();
        var again = await InstitutionSignIn.SignInAsync(later, LocalInstitutions.RugResearcher);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await Host.CountAuditAsync("member.admitted", "done"));
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var account = (await users.FindByEmailAsync(LocalInstitutions.RugResearcher))!;
        Assert.False(await users.HasPasswordAsync(account));
        Assert.Equal(["member"], await users.GetRolesAsync(account));
    }

    [Fact]
    public async Task Someone_of_another_domain_asks_to_join_and_is_a_member_once_staff_approve()
    {
        using var browser = Host.CreateBrowser();
        var form = await InstitutionSignIn.SignInAsync(browser, LocalInstitutions.HanzeLecturer);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = await form.Content.ReadAsStringAsync();
        Assert.Contains("ask to join", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("hanze.example", page, StringComparison.Ordinal);
        Assert.Contains("/account/sign-in", (await browser.GetAsync(HubSignIn.AuthorizationRequest().Url)).Headers.Location!.ToString(), StringComparison.Ordinal);

        var asked = await browser.PostAsync("/account/institution/join", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AccountForms.Antiforgery(page), ["name"] = "Merel Kuipers", ["organisationName"] = "Hanzehogeschool Groningen",
            ["organisationType"] = "university", ["motivation"] = "Onderzoek naar AI in de zorg in Noord-Nederland.",
        }));

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using var staff = await Host.CreateClientAsync("staff");
        var pending = Assert.Single((await staff.GetFromJsonAsync<JsonElement>("/members/join-requests")).EnumerateArray());
        Assert.Equal(LocalInstitutions.ProviderName, pending.GetProperty("provider").GetString());
        Assert.Equal(LocalInstitutions.HanzeLecturer, pending.GetProperty("email").GetString());
        using (var waiting = Host.CreateBrowser())
        {
            // Until staff decide, signing in again leads to the same question, not into the hub.
            Assert.Equal(HttpStatusCode.OK, (await InstitutionSignIn.SignInAsync(waiting, LocalInstitutions.HanzeLecturer)).StatusCode);
        }

        var approved = await staff.PostAsJsonAsync($"/members/join-requests/{pending.GetProperty("id").GetGuid()}/approve", new { });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var answer = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("invitation").ValueKind);
        var memberId = answer.GetProperty("memberId").GetGuid();
        using var member = Host.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await InstitutionSignIn.SignInAsync(member, LocalInstitutions.HanzeLecturer)).StatusCode);
        var token = new JsonWebToken((await HubSignIn.AuthorizeWithSessionAsync(member)).AccessToken);
        Assert.Equal(memberId.ToString(), token.Subject);
        Assert.Equal("hanzehogeschool-groningen", token.GetClaim("org_id").Value);
    }

    [Fact]
    public async Task An_address_the_provider_did_not_verify_admits_no_one()
    {
        var accounts = await Host.CountAsync("hub_accounts");
        using var browser = Host.CreateBrowser();

        var refused = await InstitutionSignIn.SignInAsync(browser, LocalInstitutions.HanzeUnverified);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("did not confirm your e-mail address", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(accounts, await Host.CountAsync("hub_accounts"));
        Assert.Equal(0, await Host.CountAsync("hub_join_requests"));
        Assert.Equal(1, await Host.CountAuditAsync("account.upstream-sign-in", "refused"));
        // The refusal also ended the provider's answer here: the join form cannot be posted with it afterwards.
        var late = await browser.PostAsync("/account/institution/join", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AccountForms.Antiforgery(await browser.GetStringAsync("/account/sign-in")), ["name"] = "Tim Smit",
            ["organisationName"] = "Hanze", ["organisationType"] = "university", ["motivation"] = "Toch proberen.",
        }));
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal(0, await Host.CountAsync("hub_join_requests"));
    }

    [Fact]
    public async Task An_existing_account_is_linked_only_when_its_password_is_given()
    {
        var id = Guid.CreateVersion7();
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
            var account = new HubAccount
            {
                Id = id, UserName = "postma", Email = LocalInstitutions.RugStudent, EmailConfirmed = true, DisplayName = "Jelle Postma",
                OrganisationId = "tue", CreatedAt = DateTimeOffset.UtcNow,
            };
            Assert.True((await users.CreateAsync(account, "jelles-eigen-wachtwoord")).Succeeded);
            Assert.True((await users.AddToRoleAsync(account, HubRoles.Member)).Succeeded);
        }

        using var browser = Host.CreateBrowser();
        var offer = await InstitutionSignIn.SignInAsync(browser, LocalInstitutions.RugStudent);
        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        var page = await offer.Content.ReadAsStringAsync();
        Assert.Contains("Link your sign-in", page, StringComparison.Ordinal);
        Assert.Equal(0, await Host.CountAsync("hub_account_logins"));

        // Without the password, or with a wrong one: nothing is linked, and the rule does not make a second account.
        async Task<HttpResponseMessage> LinkAsync(string password) => await browser.PostAsync("/account/institution/link", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AccountForms.Antiforgery(page), ["password"] = password, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, (await LinkAsync("")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LinkAsync("niet-het-wachtwoord")).StatusCode);
        Assert.Equal(0, await Host.CountAsync("hub_account_logins"));
        Assert.Equal(0, await Host.CountAuditAsync("member.admitted", "done"));

        var linked = await LinkAsync("jelles-eigen-wachtwoord");

        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal(1, await Host.CountAsync("hub_account_logins"));
        Assert.Equal(1, await Host.CountAuditAsync("account.upstream-linked", "done"));
        Assert.Contains("linked", (await LocalMail.Sink.WaitForAsync(LocalInstitutions.RugStudent, "can now sign you in", started)).Text, StringComparison.Ordinal);
        using var later = Host.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await InstitutionSignIn.SignInAsync(later, LocalInstitutions.RugStudent)).StatusCode);
        Assert.Equal(id.ToString(), new JsonWebToken((await HubSignIn.AuthorizeWithSessionAsync(later)).AccessToken).Subject);
    }

    [Fact]
    public async Task Linking_an_account_with_a_second_factor_takes_its_code_and_staff_linked_without_one_enrol_first()
    {
        // Jelle has an account with an authenticator app; Merel is staff who has not set one up yet.
        var key = await AddAccountAsync("postma", LocalInstitutions.RugStudent, "jelles-eigen-wachtwoord", HubRoles.Member, withSecondFactor: true);
        await AddAccountAsync("kuipers", LocalInstitutions.HanzeLecturer, "merels-eigen-wachtwoord", HubRoles.Staff, withSecondFactor: false);

        using var jelle = Host.CreateBrowser();
        var page = await (await InstitutionSignIn.SignInAsync(jelle, LocalInstitutions.RugStudent)).Content.ReadAsStringAsync();
        Assert.Contains("authenticator", page, StringComparison.OrdinalIgnoreCase);
        Task<HttpResponseMessage> LinkAsync(HttpClient browser, string form, string password, string? code, bool withAntiforgery = true) =>
            browser.PostAsync("/account/institution/link", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = withAntiforgery ? AccountForms.Antiforgery(form) : "", ["password"] = password, ["code"] = code ?? "",
                ["returnUrl"] = "/",
            }));

        // A form posted from another site (no antiforgery token) is refused before the password is even looked at.
        Assert.Equal(HttpStatusCode.BadRequest, (await LinkAsync(jelle, page, "jelles-eigen-wachtwoord", Totp.Code(key!), withAntiforgery: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LinkAsync(jelle, page, "jelles-eigen-wachtwoord", code: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LinkAsync(jelle, page, "jelles-eigen-wachtwoord", "000000")).StatusCode);
        Assert.Equal(0, await Host.CountAsync("hub_account_logins"));
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(jelle, page, "jelles-eigen-wachtwoord", Totp.Code(key!))).StatusCode);
        Assert.Equal(1, await Host.CountAsync("hub_account_logins"));

        // Staff linked with their password still give no session until a second factor is set up.
        using var merel = Host.CreateBrowser();
        var merelsForm = await (await InstitutionSignIn.SignInAsync(merel, LocalInstitutions.HanzeLecturer)).Content.ReadAsStringAsync();
        var linked = await LinkAsync(merel, merelsForm, "merels-eigen-wachtwoord", code: null);
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.StartsWith("/account/two-factor/enrol", linked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await merel.GetAsync("/account/two-factor/enrol")).StatusCode);
        Assert.Contains("/account/sign-in", (await merel.GetAsync(HubSignIn.AuthorizationRequest().Url)).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_way_back_survives_the_institution_only_when_it_stays_on_the_hub()
    {
        using var browser = Host.CreateBrowser();
        var done = await InstitutionSignIn.SignInAsync(browser, LocalInstitutions.RugResearcher, returnUrl: "/account/security?tab=2fa");
        Assert.Equal("/account/security?tab=2fa", done.Headers.Location!.OriginalString);

        foreach (var elsewhere in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/" })
        {
            using var other = Host.CreateBrowser();
            var answer = await InstitutionSignIn.SignInAsync(other, LocalInstitutions.RugResearcher, returnUrl: elsewhere);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal("/", answer.Headers.Location!.OriginalString);
        }
    }

    private async Task<string?> AddAccountAsync(string username, string email, string password, string role, bool withSecondFactor)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var account = new HubAccount
        {
            Id = Guid.CreateVersion7(), UserName = username, Email = email, EmailConfirmed = true, DisplayName = username, OrganisationId = "tue",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True((await users.CreateAsync(account, password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(account, role == HubRoles.Staff ? [HubRoles.Staff, HubRoles.Member] : [HubRoles.Member])).Succeeded);
        if (!withSecondFactor)
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(account);
        await users.SetTwoFactorEnabledAsync(account, true);
        return await users.GetAuthenticatorKeyAsync(account);
    }

    [Fact]
    public async Task Staff_read_the_providers_and_their_rules_but_never_the_secret()
    {
        using var staff = await Host.CreateClientAsync("staff");
        using var researcher = await Host.CreateClientAsync("researcher");

        var answer = await staff.GetAsync("/identity-providers");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        var provider = Assert.Single(JsonDocument.Parse(text).RootElement.EnumerateArray());
        Assert.Equal(LocalInstitutions.ProviderName, provider.GetProperty("name").GetString());
        Assert.Equal("rug.example", provider.GetProperty("admissionRules")[0].GetProperty("domains")[0].GetString());
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        var configured = Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Federation.Hub.Identity.Upstream.UpstreamOptions>>()
            .Value.Find(LocalInstitutions.ProviderName)!.ClientSecret;
        Assert.True(configured.Length >= 16, "the spec's provider has a real secret configured");
        Assert.DoesNotContain(configured, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.GetAsync("/identity-providers")).StatusCode);
    }

    [Fact]
    public async Task A_member_staff_removed_is_not_let_back_in_by_the_rule_but_asks_again()
    {
        using (var first = Host.CreateBrowser())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await InstitutionSignIn.SignInAsync(first, LocalInstitutions.RugResearcher)).StatusCode);
        }

        using var staff = await Host.CreateClientAsync("staff");
        var member = (await staff.GetFromJsonAsync<JsonElement>("/members")).EnumerateArray()
            .Single(m => m.GetProperty("email").GetString() == LocalInstitutions.RugResearcher).GetProperty("id").GetGuid();
        (await staff.PostAsJsonAsync($"/members/{member}/remove", new { reason = "Misbruik van gedeelde data." })).EnsureSuccessStatusCode();

        using var again = Host.CreateBrowser();
        var answer = await InstitutionSignIn.SignInAsync(again, LocalInstitutions.RugResearcher);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("ask to join", await answer.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await Host.CountAuditAsync("member.admitted", "done"));
    }
}
