using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Federation.Hub.Tests;

/// <summary>
/// Anyone may ask to join: the request reaches staff once its e-mail address is confirmed; approving it places the
/// person in an organisation and mails an invitation, refusing it tells them why.
/// </summary>
public sealed class JoinRequestSpecs : SpecsOnAFresh<HubHost>
{
    private const string Password = "een-lang-wachtwoord-2026";

    [Fact]
    public async Task A_confirmed_request_approved_by_staff_becomes_a_member_of_a_new_organisation()
    {
        var email = LocalMail.NewAddress("anouk");
        using var browser = Host.CreateBrowser();
        var asked = await AccountForms.SubmitAsync(browser, "/account/join", Request(email, "Noordelijke Sensoren B.V.", "company", "24681357"));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        using var staff = await Host.CreateClientAsync("staff");
        Assert.Empty((await staff.GetFromJsonAsync<JsonElement>("/members/join-requests")).EnumerateArray());

        var confirmation = Assert.Single((await LocalMail.Sink.WaitForAsync(email, "Confirm")).Links);
        using (var scanner = await Host.CreateBrowser().GetAsync(confirmation.PathAndQuery))
        {
            // Opening the link (as a mail scanner would) shows a button; it confirms nothing by itself.
            Assert.Equal(HttpStatusCode.OK, scanner.StatusCode);
        }

        Assert.Empty((await staff.GetFromJsonAsync<JsonElement>("/members/join-requests")).EnumerateArray());
        (await AccountForms.SubmitAsync(browser, confirmation.PathAndQuery, new Dictionary<string, string>())).EnsureSuccessStatusCode();
        var pending = Assert.Single((await staff.GetFromJsonAsync<JsonElement>("/members/join-requests")).EnumerateArray());
        Assert.Equal("Noordelijke Sensoren B.V.", pending.GetProperty("organisationName").GetString());

        var approved = await staff.PostAsJsonAsync($"/members/join-requests/{pending.GetProperty("id").GetGuid()}/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var invitation = Assert.Single((await LocalMail.Sink.WaitForAsync(email, "invitation")).Links);
        (await AccountForms.SubmitAsync(Host.CreateBrowser(), invitation.PathAndQuery, new Dictionary<string, string>
        {
            ["displayName"] = "Anouk de Boer", ["username"] = "anouk", ["password"] = Password, ["confirmPassword"] = Password,
        })).EnsureSuccessStatusCode();

        var token = new JsonWebToken((await HubSignIn.SignInAsync(Host.CreateBrowser(), "anouk", Password)).AccessToken);
        Assert.Equal("noordelijke-sensoren-b-v", token.GetClaim("org_id").Value);
        var organisation = await staff.GetFromJsonAsync<JsonElement>("/organisations/noordelijke-sensoren-b-v");
        Assert.Equal("24681357", organisation.GetProperty("kvkNumber").GetString());
        Assert.Equal(1, await Host.CountAuditAsync("join-request.approved", "done"));
    }

    [Fact]
    public async Task A_refused_request_tells_the_person_the_reason()
    {
        var email = LocalMail.NewAddress("bram");
        using var browser = Host.CreateBrowser();
        (await AccountForms.SubmitAsync(browser, "/account/join", Request(email, "Universiteit Twente", "university", null))).EnsureSuccessStatusCode();
        var confirmation = Assert.Single((await LocalMail.Sink.WaitForAsync(email, "Confirm")).Links);
        (await AccountForms.SubmitAsync(browser, confirmation.PathAndQuery, new Dictionary<string, string>())).EnsureSuccessStatusCode();
        using var staff = await Host.CreateClientAsync("staff");
        var pending = Assert.Single((await staff.GetFromJsonAsync<JsonElement>("/members/join-requests")).EnumerateArray());
        var id = pending.GetProperty("id").GetGuid();

        var withoutReason = await staff.PostAsJsonAsync($"/members/join-requests/{id}/refuse", new { reason = " " });
        var refused = await staff.PostAsJsonAsync($"/members/join-requests/{id}/refuse", new { reason = "Twente hoort bij AI-hub Oost Nederland." });
        var twice = await staff.PostAsJsonAsync($"/members/join-requests/{id}/approve", new { });

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var told = await LocalMail.Sink.WaitForAsync(email, "not accepted");
        Assert.Contains("Twente hoort bij AI-hub Oost Nederland.", told.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("company", "1234567")]
    [InlineData("company", "")]
    [InlineData("university", "12345678")]
    public async Task A_request_with_a_bad_kvk_number_is_refused_and_nothing_is_filed(string type, string kvk)
    {
        var email = LocalMail.NewAddress("fout");
        var before = await Host.CountAsync("hub_join_requests");

        var asked = await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/join", Request(email, "Een Organisatie", type, kvk));

        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Contains("KvK", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Host.CountAsync("hub_join_requests"));
    }

    [Fact]
    public async Task Asking_with_a_members_address_files_nothing_and_tells_only_that_address()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var member = (await staff.GetFromJsonAsync<JsonElement>("/members")).EnumerateArray().First(m => m.GetProperty("username").GetString() == "researcher");
        var email = member.GetProperty("email").GetString()!;

        var asked = await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/join", Request(email, "TU Eindhoven", "university", null));

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("already", (await LocalMail.Sink.WaitForAsync(email, "already a member")).Subject, StringComparison.Ordinal);
        Assert.Equal(0, await Host.CountAsync("hub_join_requests"));
    }

    private static Dictionary<string, string> Request(string email, string organisation, string type, string? kvk) => new()
    {
        ["name"] = "Iemand Uit Het Noorden", ["email"] = email, ["organisationName"] = organisation, ["organisationType"] = type,
        ["kvkNumber"] = kvk ?? "", ["motivation"] = "Wij willen onze sensordata delen met onderzoekers in de regio.",
    };
}
