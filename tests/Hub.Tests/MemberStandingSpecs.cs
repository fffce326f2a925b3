using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Hub.Identity.Accounts;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Federation.Hub.Tests;

/// <summary>
/// Staff change a member's roles and standing. A suspension or removal takes effect at the person's next request at
/// this hub (their access token, not only their refresh token and session), ends the grants made to them, is audited,
/// and the person is told by mail.
/// </summary>
public sealed class MemberStandingSpecs : SpecsOnAFresh<HubHost>
{
    // When this spec began (xUnit makes an instance per spec): mail to a demo person's address from an earlier spec of
    // the run must not answer for this one's.
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_suspension_cuts_off_the_members_token_at_the_next_request_and_reinstatement_lets_them_back()
    {
        using var staff = await Host.CreateClientAsync("staff");
        using var browser = Host.CreateBrowser();
        var tokens = await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword);
        using var researcher = Bearer(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync("/me/notifications")).StatusCode);
        var id = new JsonWebToken(tokens.AccessToken).Subject;
        var grant = await GrantToAsync(staff, id);

        var suspended = await staff.PostAsJsonAsync($"/members/{id}/suspend", new { reason = "Onderzoek naar misbruik van een dataset." });

        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Equal("suspended", (await suspended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await researcher.GetAsync("/me/notifications")).StatusCode);
        await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.RefreshAsync(browser, tokens.RefreshToken!));
        await Assert.ThrowsAsync<SignInRefusedException>(() => HubSignIn.SignInAsync(Host.CreateBrowser(), "researcher", LocalInfrastructure.DemoPassword));
        var ended = await staff.GetFromJsonAsync<JsonElement>($"/grants?live=false");
        Assert.Contains(ended.EnumerateArray(), g => g.GetProperty("id").GetGuid() == grant && g.GetProperty("revokeReason").GetString()!.StartsWith("Membership suspended", StringComparison.Ordinal));
        var email = (await staff.GetFromJsonAsync<JsonElement>($"/members/{id}")).GetProperty("email").GetString()!;
        var byName = await staff.GetFromJsonAsync<JsonElement>("/members?username=Researcher");
        Assert.Equal(id, Assert.Single(byName.EnumerateArray()).GetProperty("id").GetString());
        Assert.Contains("misbruik", (await LocalMail.Sink.WaitForAsync(email, "suspended", started)).Text, StringComparison.Ordinal);
        Assert.Equal(1, await Host.CountAuditAsync("member.suspended", "done"));

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/members/{id}/reinstate", new { reason = "Opgehelderd." })).StatusCode);
        var back = await HubSignIn.SignInAsync(Host.CreateBrowser(), "researcher", LocalInfrastructure.DemoPassword);
        using var reinstated = Bearer(back.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await reinstated.GetAsync("/me/notifications")).StatusCode);
        await LocalMail.Sink.WaitForAsync(email, "restored", started);
    }

    [Fact]
    public async Task A_removed_member_is_gone_and_their_token_no_longer_works()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var tokens = await HubSignIn.SignInAsync(Host.CreateBrowser(), "company", LocalInfrastructure.DemoPassword);
        using var company = Bearer(tokens.AccessToken);
        var id = new JsonWebToken(tokens.AccessToken).Subject;
        var email = (await staff.GetFromJsonAsync<JsonElement>($"/members/{id}")).GetProperty("email").GetString()!;
        var byName = await staff.GetFromJsonAsync<JsonElement>("/members?username=Company");
        Assert.Equal(id, Assert.Single(byName.EnumerateArray()).GetProperty("id").GetString());
        var accounts = await Host.CountAsync("hub_accounts");

        var removed = await staff.PostAsJsonAsync($"/members/{id}/remove", new { reason = "Het bedrijf is opgeheven." });

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(accounts - 1, await Host.CountAsync("hub_accounts"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await company.GetAsync("/me/notifications")).StatusCode);
        Assert.Contains("opgeheven", (await LocalMail.Sink.WaitForAsync(email, "has ended", started)).Text, StringComparison.Ordinal);
        Assert.Equal(1, await Host.CountAuditAsync("member.removed", "done"));
    }

    [Fact]
    public async Task A_hub_gives_no_reviewer_role_only_a_compute_facility_has_reviewers()
    {
        using var staff = await Host.CreateClientAsync("staff");
        using var browser = Host.CreateBrowser();
        var id = new JsonWebToken((await HubSignIn.SignInAsync(browser, "company", LocalInfrastructure.DemoPassword)).AccessToken).Subject;

        var refused = await staff.PutAsJsonAsync($"/members/{id}/roles", new { roles = new[] { "compute-reviewer", "member" } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("compute-reviewer", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("roles")[0].GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Making_a_member_staff_changes_their_roles_and_ends_their_old_sessions()
    {
        using var staff = await Host.CreateClientAsync("staff");
        using var browser = Host.CreateBrowser();
        var tokens = await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword);
        var id = new JsonWebToken(tokens.AccessToken).Subject;

        var changed = await staff.PutAsJsonAsync($"/members/{id}/roles", new { roles = new[] { "hub-staff" } });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["hub-staff", "member"], (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order());
        await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.RefreshAsync(browser, tokens.RefreshToken!));
        // The access token carries the old roles: it ends at the next request too.
        using var old = Bearer(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/me/notifications")).StatusCode);
        Assert.Equal(1, await Host.CountAuditAsync("member.roles-changed", "done"));
    }

    [Fact]
    public async Task Tokens_issued_before_a_change_of_roles_end_at_the_next_request_and_a_new_sign_in_works()
    {
        var tokens = await Host.SignInAsync("company");
        var id = new JsonWebToken(tokens.AccessToken).Subject;
        using var company = Bearer(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync("/me/notifications")).StatusCode);
        using var staff = await Host.CreateClientAsync("staff");

        var changed = await staff.PutAsJsonAsync($"/members/{id}/roles", new { roles = new[] { "member" } });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await company.GetAsync("/me/notifications")).StatusCode);
        // Nor is it a way to a token for another hub.
        var onward = await Host.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(HubSignIn.OnwardForm(tokens.AccessToken, "hub:amsterdam")));
        Assert.Equal(HttpStatusCode.BadRequest, onward.StatusCode);
        Assert.Equal("invalid_grant", (await onward.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var again = await Host.CreateClientAsync("company");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/me/notifications")).StatusCode);
    }

    [Fact]
    public async Task Staff_cannot_suspend_or_demote_themselves_and_a_reason_is_required()
    {
        var tokens = await Host.SignInAsync("staff");
        using var staff = Bearer(tokens.AccessToken);
        var self = new JsonWebToken(tokens.AccessToken).Subject;
        var other = (await staff.GetFromJsonAsync<JsonElement>("/members")).EnumerateArray().First(m => m.GetProperty("username").GetString() == "company").GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/members/{self}/suspend", new { reason = "Even niet." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/members/{self}/roles", new { roles = new[] { "member" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/members/{other}/suspend", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PutAsJsonAsync($"/members/{other}/roles", new { roles = new[] { "owner" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/members/{Guid.NewGuid()}/suspend", new { reason = "Onbekend." })).StatusCode);
        Assert.Equal(0, await Host.CountAuditAsync("member.suspended", "done"));
    }

    [Fact]
    public async Task Staff_reset_the_second_factor_of_someone_who_lost_it_and_they_enrol_anew()
    {
        const string password = "a-long-password-of-staff-two";
        var id = await AddStaffWithSecondFactorAsync("staff-two", password);
        using var staff = await Host.CreateClientAsync("staff");
        var before = await HubSignIn.SignInAsync(Host.CreateBrowser(), "staff-two", password);
        using var lostDevice = Bearer(before.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await lostDevice.GetAsync("/members")).StatusCode);

        var reasonless = await staff.PostAsJsonAsync($"/members/{id}/second-factor/reset", new { reason = "" });
        var own = await lostDevice.PostAsJsonAsync($"/members/{id}/second-factor/reset", new { reason = "Mijn eigen telefoon" });
        var reset = await staff.PostAsJsonAsync($"/members/{id}/second-factor/reset", new { reason = "Telefoon kwijt; gebeld en herkend op de stem." });
        var again = await staff.PostAsJsonAsync($"/members/{id}/second-factor/reset", new { reason = "Nog eens" });

        Assert.Equal(HttpStatusCode.BadRequest, reasonless.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False((await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twoFactor").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // The lost device's tokens and codes open nothing; the password leads to enrolling a new authenticator.
        Assert.Equal(HttpStatusCode.Unauthorized, (await lostDevice.GetAsync("/members")).StatusCode);
        await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.RefreshAsync(Host.CreateBrowser(), before.RefreshToken!));
        using var browser = Host.CreateBrowser();
        var signIn = await AccountForms.SubmitAsync(browser, "/account/sign-in",
            new Dictionary<string, string> { ["username"] = "staff-two", ["password"] = password, ["returnUrl"] = "/" });
        Assert.StartsWith("/account/two-factor/enrol", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("herkend", (await LocalMail.Sink.WaitForAsync("staff-two@brainport.example", "second factor", started)).Text, StringComparison.Ordinal);
        Assert.Equal(1, await Host.CountAuditAsync("member.second-factor-reset", "done"));
    }

    [Fact]
    public async Task Two_members_of_staff_demoting_each_other_at_once_leave_one_of_them_staff()
    {
        const string password = "a-long-password-of-staff-two";
        var two = await AddStaffWithSecondFactorAsync("staff-two", password);
        using var one = await Host.CreateClientAsync("staff");
        using var other = Bearer((await HubSignIn.SignInAsync(Host.CreateBrowser(), "staff-two", password)).AccessToken);
        var oneId = (await one.GetFromJsonAsync<JsonElement>("/members?username=staff")).EnumerateArray().Single().GetProperty("id").GetString();

        var answers = await Task.WhenAll(
            one.PutAsJsonAsync($"/members/{two}/roles", new { roles = new[] { "member" } }),
            other.PutAsJsonAsync($"/members/{oneId}/roles", new { roles = new[] { "member" } }));

        // One wins; the other is refused, by the last-staff rule or (when it came after) because its token ended.
        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, answer => answer.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Unauthorized);
        // The winner's own roles did not change, so its token still works.
        var staffLeft = answers[0].StatusCode == HttpStatusCode.OK ? one : other;
        var members = await staffLeft.GetFromJsonAsync<JsonElement>("/members");
        Assert.Single(members.EnumerateArray(), member => member.GetProperty("roles").EnumerateArray().Any(role => role.GetString() == "hub-staff"));
    }

    [Fact]
    public async Task Members_cannot_run_the_membership()
    {
        using var researcher = await Host.CreateClientAsync("researcher");

        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.GetAsync("/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.PostAsJsonAsync($"/members/{Guid.NewGuid()}/suspend", new { reason = "Omdat het kan." })).StatusCode);
    }

    [Fact]
    public async Task Until_the_hub_has_read_whom_it_refuses_it_honours_no_persons_token_and_is_not_ready()
    {
        // The refresh that reads the suspended and removed people at start-up, as if the database had been away then.
        await using var hub = await HubHost.StartAsync(configureServices: services =>
        {
            foreach (var refresh in services.Where(service => service.ImplementationType?.Name == "RevokedPeopleRefresh").ToList())
            {
                services.Remove(refresh);
            }
        });
        var tokens = await HubSignIn.SignInAsync(hub.CreateBrowser(), "researcher", LocalInfrastructure.DemoPassword);
        using var researcher = hub.CreateClient();
        researcher.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        using var notRead = await researcher.GetAsync("/me/notifications");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notRead.StatusCode);
        Assert.Equal("1", notRead.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await hub.CreateClient().GetAsync("/health/ready")).StatusCode);

        await hub.Services.GetRequiredService<Federation.Hub.People.RevokedPeople>().RefreshAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync("/me/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    private async Task<string> AddStaffWithSecondFactorAsync(string username, string password)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var account = new HubAccount
        {
            Id = Guid.CreateVersion7(), UserName = username, Email = $"{username}@brainport.example", EmailConfirmed = true,
            DisplayName = "Staff Two", OrganisationId = "brainport-hub", CreatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True((await users.CreateAsync(account, password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(account, [HubRoles.Staff, HubRoles.Member])).Succeeded);
        var keys = (IUserAuthenticatorKeyStore<HubAccount>)scope.ServiceProvider.GetRequiredService<IUserStore<HubAccount>>();
        await keys.SetAuthenticatorKeyAsync(account, LocalInfrastructure.DemoAuthenticatorKey, CancellationToken.None);
        Assert.True((await users.SetTwoFactorEnabledAsync(account, true)).Succeeded);
        Assert.NotNull(await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10));
        return account.Id.ToString();
    }

    private HttpClient Bearer(string accessToken)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static async Task<Guid> GrantToAsync(HttpClient staff, string subject)
    {
        var api = new HubClient(staff);
        var resource = (await api.CreateResourceAsync(ResourceJson.Minimal("dataset", "Meetreeks voor een geschorste onderzoeker", "approval", "TU/e"), CancellationToken.None)).EnsureSuccess();
        (await api.PublishAsync(resource.Id, version: null, CancellationToken.None)).EnsureSuccess();
        var granted = await staff.PostAsJsonAsync($"/resources/{resource.Id}/grants", new
        {
            granteeKind = "person", granteeHub = "brainport", granteeSubject = subject, expiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        granted.EnsureSuccessStatusCode();
        return (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
