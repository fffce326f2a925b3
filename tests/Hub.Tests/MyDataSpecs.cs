using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Federation.Hub.Tests;

/// <summary>
/// A member sees everything their hub holds about them, as one JSON document to download, and can close their
/// account, confirmed through a link mailed to them: the account and everything personal go, their tokens stop working at once, and the audit records that
/// must stay name them by their id alone.
/// </summary>
public sealed class MyDataSpecs : SpecsOnAFresh<HubHost>
{
    // When this spec began (xUnit makes an instance per spec): mail to a demo person's address from an earlier spec of
    // the run must not answer for this one's.
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_downloads_everything_the_hub_holds_about_them()
    {
        var (researcher, subject) = await ResearcherAsync();
        var request = await AskForAccessAsync(researcher);
        using var staff = await Host.CreateClientAsync("staff");
        var staffApi = new HubClient(staff);
        var resource = (await staffApi.ListAccessRequestsAsync(state: null, resourceId: null, Cancellation)).EnsureSuccess().Single(r => r.Id == request).ResourceId;
        var grant = (await staffApi.GrantAsync(resource, new GrantInput(Grant.Person, "brainport", subject, null, DateTimeOffset.UtcNow.AddDays(7)), Cancellation))
            .EnsureSuccess();
        await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/forgot-password", new Dictionary<string, string> { ["usernameOrEmail"] = "researcher" });

        var answer = await researcher.GetAsync("/me/data", Cancellation);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("attachment", answer.Content.Headers.ContentDisposition?.DispositionType);
        var text = await answer.Content.ReadAsStringAsync(Cancellation);
        var data = JsonSerializer.Deserialize<MyData>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(subject, data.Profile.Id.ToString());
        Assert.Equal("researcher", data.Profile.Username);
        Assert.Equal("tue", data.Organisation!.Id);
        Assert.Contains(data.AccessRequests, r => r.Id == request);
        Assert.Contains(data.AuditRecords, r => r.Action == "access.requested" && r.ActorSubject == subject);
        Assert.Contains("member", data.Profile.Roles);
        // The grant made to the person is found by its details (it names them only there), and the mail the hub
        // wrote them is listed.
        Assert.Contains(data.AuditRecords, r => r.Action == "grant.created" && r.Target == grant.Id.ToString());
        Assert.Contains(data.Mails, mail => mail.Subject.StartsWith("A new password", StringComparison.Ordinal));
        Assert.Empty(data.Truncated);
        // The account's secrets are not the person's data to carry around: no hash, no second-factor key.
        Assert.DoesNotContain("PasswordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SecurityStamp", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await Host.CountAuditAsync("member.data-exported", "done"));
    }

    [Fact]
    public async Task Another_person_and_staff_cannot_read_or_close_someone_elses_data()
    {
        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/me/data", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/me/close", new { confirmUsername = "researcher" }, Cancellation)).StatusCode);
        using var staff = await Host.CreateClientAsync("staff");
        // Staff reach their own data only: the endpoint has no id to name anyone else by.
        var own = await staff.GetFromJsonAsync<MyData>("/me/data", Cancellation);
        Assert.Equal("staff", own!.Profile.Username);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/me/close", new { confirmUsername = "researcher" }, Cancellation)).StatusCode);
        // The hub's only member of staff cannot leave it without staff.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync("/me/close", new { confirmUsername = "staff" }, Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Closing_the_account_forgets_the_person_and_keeps_the_audit_by_id_alone()
    {
        var (researcher, subject) = await ResearcherAsync();
        var request = await AskForAccessAsync(researcher);
        var accounts = await Host.CountAsync("hub_accounts");

        var unconfirmed = await researcher.PostAsJsonAsync("/me/close", new { confirmUsername = "Researcher" }, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("confirmUsername", await unconfirmed.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(accounts, await Host.CountAsync("hub_accounts"));

        var asked = await researcher.PostAsJsonAsync("/me/close", new { confirmUsername = "researcher" }, Cancellation);

        // The token asks; the mailbox decides. Until the mailed link is followed and confirmed, nothing is closed.
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(accounts, await Host.CountAsync("hub_accounts"));
        var link = (await LocalMail.Sink.WaitForAsync("researcher@tue.example", "Confirm closing", started)).Links.Single(l => l.AbsolutePath == "/account/close");
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        using var browser = Host.CreateBrowser();
        var forged = await AccountForms.SubmitAsync(browser, link.PathAndQuery,
            new Dictionary<string, string> { ["user"] = query["user"]!, ["token"] = query["token"]! + "x" }, postUrl: "/account/close");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(accounts, await Host.CountAsync("hub_accounts"));
        var closed = await AccountForms.SubmitAsync(browser, link.PathAndQuery,
            new Dictionary<string, string> { ["user"] = query["user"]!, ["token"] = query["token"]! }, postUrl: "/account/close");

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(accounts - 1, await Host.CountAsync("hub_accounts"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.CreateBrowser().GetAsync(link.PathAndQuery, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await researcher.GetAsync("/me/data", Cancellation)).StatusCode);
        using var staff = await Host.CreateClientAsync("staff");
        var staffApi = new HubClient(staff);
        var kept = (await staffApi.ListAccessRequestsAsync(state: null, resourceId: null, Cancellation)).EnsureSuccess().Single(r => r.Id == request);
        Assert.DoesNotContain("Mei Chen", kept.RequesterName, StringComparison.Ordinal);
        Assert.DoesNotContain("defect", kept.Purpose, StringComparison.Ordinal);
        // Nobody is left to grant it to: the request the person still had open is closed, saying why.
        Assert.Equal("denied", kept.State);
        Assert.Equal(Federation.Hub.People.PersonalData.MembershipEnded, kept.DecisionReason);
        var audit = (await staffApi.AuditAsync(new AuditFilter(Limit: 1000), Cancellation)).EnsureSuccess();
        var theirs = audit.Items.Where(r => r.ActorSubject == subject).ToList();
        Assert.Contains(theirs, r => r.Action == "access.requested");
        Assert.Contains(theirs, r => r.Action == "member.closed");
        Assert.All(theirs, r => Assert.Null(r.ActorName));
        Assert.Contains("closed", (await LocalMail.Sink.WaitForAsync("researcher@tue.example", "is closed", started)).Subject, StringComparison.Ordinal);
        var verified = (await staffApi.VerifyAuditAsync(at: null, Cancellation)).EnsureSuccess();
        Assert.True(verified.Intact, "the audit chain still verifies after the person was forgotten");
    }

    [Fact]
    public async Task Forgetting_a_member_of_staff_leaves_their_decisions_naming_them_by_id_alone()
    {
        using var staff = await Host.CreateClientAsync("staff");
        var staffApi = new HubClient(staff);
        var staffId = (await staff.GetFromJsonAsync<MyData>("/me/data", Cancellation))!.Profile.Id.ToString();
        var (researcher, subject) = await ResearcherAsync();
        var request = await AskForAccessAsync(researcher);
        var resource = (await staffApi.ListAccessRequestsAsync(state: null, resourceId: null, Cancellation)).EnsureSuccess().Single(r => r.Id == request).ResourceId;
        var grant = (await staffApi.GrantAsync(resource, new GrantInput(Grant.Person, "brainport", subject, null, DateTimeOffset.UtcNow.AddDays(7)), Cancellation))
            .EnsureSuccess();
        Assert.EndsWith($" (brainport:{staffId})", grant.GrantedBy, StringComparison.Ordinal);

        // What closing or removing the staff member's account runs, at their hub and at every hub told.
        await using (var scope = Host.Services.CreateAsyncScope())
        await using (var work = await scope.ServiceProvider.GetRequiredService<Federation.Hub.Writes.HubWrites>().BeginAsync(Cancellation))
        {
            await Federation.Hub.People.PersonalData.ForgetAsync("brainport", staffId, work, Cancellation);
            await work.CommitAsync(Cancellation);
        }

        var kept = (await staffApi.ListGrantsAsync(resource, live: null, Cancellation)).EnsureSuccess().Single(g => g.Id == grant.Id);
        Assert.Equal($"brainport:{staffId}", kept.GrantedBy);
        // The researcher's own record is untouched: only the forgotten person's name goes.
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync("/me/data", Cancellation)).StatusCode);
    }

    private async Task<(HttpClient Client, string Subject)> ResearcherAsync()
    {
        var tokens = await Host.SignInAsync("researcher");
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return (client, new JsonWebToken(tokens.AccessToken).Subject);
    }

    private async Task<Guid> AskForAccessAsync(HttpClient researcher)
    {
        using var staff = await Host.CreateClientAsync("staff");
        var resource = await new HubClient(staff).PublishedAsync(ResourceJson.Minimal("dataset", "Wafer defect images", "approval", "ASML"));
        return (await new HubClient(researcher).RequestAccessAsync(resource,
            new AccessRequestInput("Benchmarking defect detection models for my thesis.", AcceptTerms: true), Cancellation)).EnsureSuccess().Id;
    }
}
