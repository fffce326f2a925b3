using System.Net;
using Federation.Hub.Identity.Accounts;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Hub.Tests;

/// <summary>
/// A forgotten password: the link comes by real mail, works once, ends every earlier session, and the page never
/// tells whether an account exists.
/// </summary>
public sealed class PasswordResetSpecs : SpecsOnAFresh<HubHost>
{
    // When this spec began (xUnit makes an instance per spec): mail to a demo person's address from an earlier spec of
    // the run must not answer for this one's.
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;

    private const string NewPassword = "een-nieuw-lang-wachtwoord";

    [Fact]
    public async Task A_reset_link_from_the_mail_sets_a_new_password_once_and_ends_the_old_sessions()
    {
        using var before = Host.CreateBrowser();
        var oldTokens = await HubSignIn.SignInAsync(before, "researcher", LocalInfrastructure.DemoPassword);
        const string email = "researcher@tue.example";

        var asked = await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/forgot-password", new Dictionary<string, string> { ["usernameOrEmail"] = email });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var link = Assert.Single((await LocalMail.Sink.WaitForAsync(email, "A new password", started)).Links);

        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        Dictionary<string, string> Fields(string password, string again) => new()
        {
            ["user"] = query["user"]!, ["token"] = query["token"]!, ["password"] = password, ["confirmPassword"] = again,
        };

        using var browser = Host.CreateBrowser();
        var weak = await AccountForms.SubmitAsync(browser, link.PathAndQuery, Fields("kort", "kort"), postUrl: "/account/reset-password");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var reset = await AccountForms.SubmitAsync(browser, link.PathAndQuery, Fields(NewPassword, NewPassword), postUrl: "/account/reset-password");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var again = await AccountForms.SubmitAsync(Host.CreateBrowser(), link.PathAndQuery, Fields("nog-een-ander-wachtwoord", "nog-een-ander-wachtwoord"), postUrl: "/account/reset-password");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.RefreshAsync(before, oldTokens.RefreshToken!));
        await Assert.ThrowsAsync<SignInRefusedException>(() => HubSignIn.SignInAsync(Host.CreateBrowser(), "researcher", LocalInfrastructure.DemoPassword));
        Assert.False(string.IsNullOrEmpty((await HubSignIn.SignInAsync(Host.CreateBrowser(), "researcher", NewPassword)).AccessToken));
        await LocalMail.Sink.WaitForAsync(email, "was changed", started);
        Assert.Equal(1, await Host.CountAuditAsync("account.password-reset", "done"));
    }

    [Fact]
    public async Task Asking_for_an_unknown_account_looks_the_same_and_sends_nothing()
    {
        var mails = await Host.CountAsync("hub_mail_outbox");

        var unknown = await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/forgot-password", new Dictionary<string, string> { ["usernameOrEmail"] = "niemand@example.test" });
        var known = await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/forgot-password", new Dictionary<string, string> { ["usernameOrEmail"] = "company" });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Contains("Check your mailbox", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Check your mailbox", await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(mails + 1, await Host.CountAsync("hub_mail_outbox"));
    }

    [Fact]
    public async Task Someone_who_signs_in_with_their_institution_is_reminded_of_it_and_gets_no_password()
    {
        var email = LocalMail.NewAddress("institution-only");
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var account = new HubAccount
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Institution Only",
            OrganisationId = "tue", CreatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True((await users.CreateAsync(account)).Succeeded);
        Assert.True((await users.AddLoginAsync(account, new UserLoginInfo("surf", $"subject-{account.Id}", "SURFconext"))).Succeeded);

        var asked = await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/forgot-password", new Dictionary<string, string> { ["usernameOrEmail"] = email });
        var reminder = await LocalMail.Sink.WaitForAsync(email, "How you sign in", started);
        // A reset token made all the same (by a hub from before this rule) does not give the account a password either.
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var reset = await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/reset-password", new Dictionary<string, string>
        {
            ["user"] = account.Id.ToString(), ["token"] = token, ["password"] = NewPassword, ["confirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("SURFconext", reminder.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(reminder.Links, link => link.AbsolutePath == "/account/reset-password");
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        await using var after = Host.Services.CreateAsyncScope();
        Assert.False(await after.ServiceProvider.GetRequiredService<UserManager<HubAccount>>().HasPasswordAsync(
            (await after.ServiceProvider.GetRequiredService<UserManager<HubAccount>>().FindByIdAsync(account.Id.ToString()))!));
    }

    [Fact]
    public async Task Asking_again_and_again_floods_nobodys_mailbox()
    {
        var email = LocalMail.NewAddress("asked-often");
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
            var account = new HubAccount
            {
                Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Asked Often",
                OrganisationId = "tue", CreatedAt = DateTimeOffset.UtcNow,
            };
            Assert.True((await users.CreateAsync(account, "a-long-password-asked-often")).Succeeded);
        }

        var answers = new List<HttpStatusCode>();
        for (var ask = 0; ask < Federation.Hub.Mail.MailOutbox.MostUnaskedPerHour + 3; ask++)
        {
            answers.Add((await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/forgot-password", new Dictionary<string, string> { ["usernameOrEmail"] = email })).StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        await using var database = Npgsql.NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var count = database.CreateCommand("SELECT count(*) FROM hub_mail_outbox WHERE recipient = $1");
        count.Parameters.AddWithValue(email);
        Assert.Equal((long)Federation.Hub.Mail.MailOutbox.MostUnaskedPerHour, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_made_up_reset_link_changes_nothing()
    {
        var reset = await AccountForms.SubmitAsync(Host.CreateBrowser(), "/account/reset-password", new Dictionary<string, string>
        {
            ["user"] = Guid.NewGuid().ToString(), ["token"] = "made-up", ["password"] = NewPassword, ["confirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Equal(0, await Host.CountAuditAsync("account.password-reset", "done"));
    }
}
