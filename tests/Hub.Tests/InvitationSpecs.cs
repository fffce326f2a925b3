using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// Staff invite a person by e-mail; the real message arrives at the SMTP server, and its link leads to a page where
/// the person chooses a username and password. The link works once, until it expires, and not after staff withdrew it.
/// </summary>
public sealed class InvitationSpecs : SpecsOnAFresh<HubHost>
{
    private const string Password = "een-lang-wachtwoord-2026";

    [Fact]
    public async Task An_invitation_followed_from_the_mail_makes_a_member_who_signs_in()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var email = LocalMail.NewAddress("lotte");

        var invited = await staff.PostAsJsonAsync("/members/invitations", new { email, displayName = "Lotte Bakker", organisationId = "tue" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var mail = await LocalMail.Sink.WaitForAsync(email, "invitation");
        var link = Assert.Single(mail.Links);
        Assert.Equal("127.0.0.1", link.Host);

        using var browser = Host.CreateBrowser();
        var accepted = await AccountForms.SubmitAsync(browser, link.PathAndQuery, new Dictionary<string, string>
        {
            ["displayName"] = "Lotte Bakker", ["username"] = "lotte", ["password"] = Password, ["confirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var tokens = await HubSignIn.SignInAsync(Host.CreateBrowser(), "lotte", Password);
        var claims = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("tue", claims.GetClaim("org_id").Value);
        Assert.Equal(["member"], claims.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal(1, await Host.CountAuditAsync("member.joined", "done"));
        // The invitation is part of what the hub holds about the new member, and they can read it.
        using var lotte = Host.CreateClient();
        lotte.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var data = await lotte.GetFromJsonAsync<Federation.Contracts.Hub.MyData>("/me/data");
        Assert.Equal("accepted", Assert.Single(data!.Invitations).State);
        Assert.Empty(data.JoinRequests);
        Assert.Empty(data.Truncated);

        // The link has done its work.
        using var again = await Host.CreateBrowser().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task A_weak_password_or_a_taken_username_keeps_the_link_working()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var email = LocalMail.NewAddress("sem");
        (await staff.PostAsJsonAsync("/members/invitations", new { email, organisationId = "tue" })).EnsureSuccessStatusCode();
        var link = Assert.Single((await LocalMail.Sink.WaitForAsync(email, "invitation")).Links);
        using var browser = Host.CreateBrowser();

        var weak = await AccountForms.SubmitAsync(browser, link.PathAndQuery, Fields("sem", "kort"));
        var taken = await AccountForms.SubmitAsync(browser, link.PathAndQuery, Fields("researcher", Password));
        var good = await AccountForms.SubmitAsync(browser, link.PathAndQuery, Fields("sem", Password));

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task An_expired_a_withdrawn_or_a_made_up_link_does_nothing()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var expiring = LocalMail.NewAddress("verlopen");
        var withdrawn = LocalMail.NewAddress("ingetrokken");
        (await staff.PostAsJsonAsync("/members/invitations", new { email = expiring, organisationId = "tue" })).EnsureSuccessStatusCode();
        var toWithdraw = await (await staff.PostAsJsonAsync("/members/invitations", new { email = withdrawn, organisationId = "tue" })).Content.ReadFromJsonAsync<JsonElement>();
        var expiredLink = Assert.Single((await LocalMail.Sink.WaitForAsync(expiring, "invitation")).Links);
        var withdrawnLink = Assert.Single((await LocalMail.Sink.WaitForAsync(withdrawn, "invitation")).Links);
        await ExpireInvitationsToAsync(expiring);
        (await staff.PostAsync($"/members/invitations/{toWithdraw.GetProperty("id").GetGuid()}/revoke", null)).EnsureSuccessStatusCode();
        var accounts = await Host.CountAsync("hub_accounts");

        using var browser = Host.CreateBrowser();
        foreach (var path in new[] { expiredLink.PathAndQuery, withdrawnLink.PathAndQuery, "/account/invitation?code=" + new string('A', 43), "/account/invitation?code=x", "/account/invitation" })
        {
            using var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        }

        var posted = await AccountForms.SubmitAsync(browser, "/account/sign-in", Fields("verlopen", Password), postUrl: expiredLink.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Equal(accounts, await Host.CountAsync("hub_accounts"));
    }

    [Theory]
    [InlineData("not-an-address", "tue", "member", "email")]
    [InlineData("iemand@example.test", "no-such-organisation", "member", "organisationId")]
    [InlineData("iemand@example.test", "tue", "admin", "roles")]
    public async Task A_bad_invitation_is_refused_by_field_and_nothing_is_sent(string email, string organisationId, string role, string field)
    {
        using var staff = await Host.CreateClientAsync("staff");

        var response = await staff.PostAsJsonAsync("/members/invitations", new { email, organisationId, roles = new[] { role } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await Host.CountAsync("hub_invitations"));
    }

    [Fact]
    public async Task A_member_cannot_be_invited_twice_and_members_cannot_invite()
    {
        using var staff = await Host.CreateClientAsync("staff");
        using var researcher = await Host.CreateClientAsync("researcher");
        var existing = await staff.GetFromJsonAsync<JsonElement>("/members");
        var someone = existing.EnumerateArray().First(m => m.GetProperty("username").GetString() == "company").GetProperty("email").GetString();

        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync("/members/invitations", new { email = someone, organisationId = "tue" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await researcher.PostAsJsonAsync("/members/invitations", new { email = LocalMail.NewAddress("x"), organisationId = "tue" })).StatusCode);
    }

    [Fact]
    public async Task Invited_staff_set_up_a_second_factor_at_their_first_sign_in()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var email = LocalMail.NewAddress("nieuwe-staf");
        (await staff.PostAsJsonAsync("/members/invitations", new { email, organisationId = "brainport-hub", roles = new[] { "hub-staff" } })).EnsureSuccessStatusCode();
        var link = Assert.Single((await LocalMail.Sink.WaitForAsync(email, "invitation")).Links);
        (await AccountForms.SubmitAsync(Host.CreateBrowser(), link.PathAndQuery, Fields("nieuwe-staf", Password))).EnsureSuccessStatusCode();

        using var browser = Host.CreateBrowser();
        var signedIn = await AccountForms.SubmitAsync(browser, "/account/sign-in", new Dictionary<string, string> { ["username"] = "nieuwe-staf", ["password"] = Password });

        Assert.StartsWith("/account/two-factor/enrol", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(string username, string password) => new()
    {
        ["displayName"] = "Iemand Nieuw", ["username"] = username, ["password"] = password, ["confirmPassword"] = password,
    };

    private async Task ExpireInvitationsToAsync(string email)
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(Host.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""UPDATE hub_invitations SET "ExpiresAt" = now() - interval '1 minute' WHERE "Email" = $1""", connection);
        command.Parameters.AddWithValue(email);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
