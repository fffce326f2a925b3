using System.Net;
using System.Text.RegularExpressions;
using Federation.Hub.Identity.Accounts;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Hub.Tests;

/// <summary>
/// Staff sign in with a password and a second factor (TOTP): the password alone gives no session, a wrong code is
/// refused and counts towards lockout, a member of staff without a second factor enrols one before their first
/// session and gets recovery codes that each work once.
/// </summary>
public sealed partial class TwoFactorSignInSpecs : SpecsOnAFresh<HubHost>
{
    // The hub's clock, for the spec that needs a sign-in long past; the others never move it.
    private readonly ShiftedClock clock = new();

    public override async ValueTask InitializeAsync() =>
        Host = await HubHost.StartAsync(configureServices: services => services.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task Staff_get_no_session_from_their_password_alone()
    {
        using var browser = Host.CreateBrowser();
        var afterPassword = await PostPasswordAsync(browser, "staff", LocalInfrastructure.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.StartsWith(HubSignIn.SecondFactorPath, afterPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var authorize = await browser.GetAsync(AuthorizeUrl());
        Assert.Contains("/account/sign-in", authorize.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_the_right_one_signs_in()
    {
        using var browser = Host.CreateBrowser();
        await PostPasswordAsync(browser, "staff", LocalInfrastructure.DemoPassword);

        var wrong = await PostCodeAsync(browser, HubSignIn.SecondFactorPath, WrongCode(LocalInfrastructure.DemoAuthenticatorKey));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var right = await PostCodeAsync(browser, HubSignIn.SecondFactorPath, Totp.Code(LocalInfrastructure.DemoAuthenticatorKey));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);

        var authorize = await browser.GetAsync(AuthorizeUrl());
        Assert.StartsWith(HubSignIn.CliRedirect.ToString(), authorize.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_second_factor_page_needs_the_password_first()
    {
        using var browser = Host.CreateBrowser();

        var code = await PostCodeAsync(browser, HubSignIn.SecondFactorPath, Totp.Code(LocalInfrastructure.DemoAuthenticatorKey), antiforgeryFrom: "/account/sign-in");
        var enrol = await browser.GetAsync("/account/two-factor/enrol");

        Assert.StartsWith("/account/sign-in", code.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/account/sign-in", enrol.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/account/sign-in", (await browser.GetAsync(AuthorizeUrl())).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_without_a_second_factor_enrol_one_and_get_recovery_codes_that_work_once()
    {
        await AddStaffAsync("new-staff", "a-long-password-of-new-staff");
        using var browser = Host.CreateBrowser();

        var afterPassword = await PostPasswordAsync(browser, "new-staff", "a-long-password-of-new-staff");
        Assert.StartsWith("/account/two-factor/enrol", afterPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var enrolment = await browser.GetStringAsync("/account/two-factor/enrol");
        var key = KeyShown().Match(enrolment).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-7]{32}$", key);
        Assert.Contains($"secret={key}", WebUtility.HtmlDecode(enrolment), StringComparison.Ordinal);

        var wrong = await PostCodeAsync(browser, "/account/two-factor/enrol", WrongCode(key));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var enrolled = await PostCodeAsync(browser, "/account/two-factor/enrol", Totp.Code(key));
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var codes = RecoveryCodes().Matches(await enrolled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.StartsWith(HubSignIn.CliRedirect.ToString(), (await browser.GetAsync(AuthorizeUrl())).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await Host.CountAuditAsync("account.two-factor-enrolled", "succeeded"));
        // What the database keeps would not sign anyone in: the key is sealed, the codes are hashes.
        var kept = await SecondFactorRowsAsync("new-staff");
        Assert.Equal(2, kept.Count);
        Assert.All(kept, value => Assert.DoesNotContain(key, value, StringComparison.Ordinal));
        Assert.All(codes, code => Assert.All(kept, value => Assert.DoesNotContain(code, value, StringComparison.OrdinalIgnoreCase)));

        // From now on the password alone leads to the second factor, and no second enrolment is offered.
        using var lostDevice = Host.CreateBrowser();
        var again = await PostPasswordAsync(lostDevice, "new-staff", "a-long-password-of-new-staff");
        Assert.StartsWith(HubSignIn.SecondFactorPath, again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith(HubSignIn.SecondFactorPath, (await lostDevice.GetAsync("/account/two-factor/enrol")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var recovered = await PostCodeAsync(lostDevice, "/account/second-factor/recovery", codes[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.StartsWith(HubSignIn.CliRedirect.ToString(), (await lostDevice.GetAsync(AuthorizeUrl())).Headers.Location!.ToString(), StringComparison.Ordinal);

        using var thief = Host.CreateBrowser();
        await PostPasswordAsync(thief, "new-staff", "a-long-password-of-new-staff");
        var reused = await PostCodeAsync(thief, "/account/second-factor/recovery", codes[3]);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(1, await Host.CountAuditAsync("account.recovery-code-used", "succeeded"));
    }

    [Fact]
    public async Task The_key_shown_for_enrolment_signs_nobody_in_at_the_second_factor_page()
    {
        await AddStaffAsync("half-enrolled", "a-long-password-of-half-enrolled");
        using var browser = Host.CreateBrowser();
        await PostPasswordAsync(browser, "half-enrolled", "a-long-password-of-half-enrolled");
        var key = KeyOf(await browser.GetStringAsync("/account/two-factor/enrol"));

        var shown = await browser.GetAsync(HubSignIn.SecondFactorPath);
        var code = await PostCodeAsync(browser, HubSignIn.SecondFactorPath, Totp.Code(key));
        var recovery = await PostCodeAsync(browser, "/account/second-factor/recovery", "ABCDE-FGHJK");

        Assert.StartsWith("/account/two-factor/enrol", shown.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/account/two-factor/enrol", code.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/account/two-factor/enrol", recovery.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/account/sign-in", (await browser.GetAsync(AuthorizeUrl())).Headers.Location!.ToString(), StringComparison.Ordinal);
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        Assert.False((await users.FindByNameAsync("half-enrolled"))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task A_member_turns_on_a_second_factor_from_their_security_page_and_renews_recovery_codes_with_a_code()
    {
        using var browser = Host.CreateBrowser();
        await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword);
        var security = await browser.GetStringAsync("/account/security");
        Assert.Contains("is <strong>off</strong>", security, StringComparison.Ordinal);

        var enrolment = await browser.GetAsync("/account/two-factor/enrol");
        Assert.True(enrolment.StatusCode == HttpStatusCode.OK, $"{enrolment.StatusCode} {enrolment.Headers.Location}");
        var key = KeyShown().Match(await enrolment.Content.ReadAsStringAsync()).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var enrolled = await PostCodeAsync(browser, "/account/two-factor/enrol", Totp.Code(key));
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var first = RecoveryCodes().Matches(await enrolled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("is <strong>on</strong>", await browser.GetStringAsync("/account/security"), StringComparison.Ordinal);

        var refused = await PostCodeAsync(browser, "/account/security/recovery-codes", WrongCode(key), antiforgeryFrom: "/account/security");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var renewed = await PostCodeAsync(browser, "/account/security/recovery-codes", Totp.Code(key), antiforgeryFrom: "/account/security");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var second = RecoveryCodes().Matches(await renewed.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(1, await Host.CountAuditAsync("account.recovery-codes-renewed", "done"));

        // Without a session, the page sends people to sign in.
        using var stranger = Host.CreateBrowser();
        Assert.StartsWith("/account/sign-in", (await stranger.GetAsync("/account/security")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_from_long_ago_signs_in_again_before_a_second_factor_is_turned_on_and_the_person_is_told()
    {
        var username = $"member-{Guid.NewGuid():N}"[..20];
        var email = $"{username}@tue.example";
        await AddMemberAsync(username, email, "a-long-password-of-the-member");
        using var browser = Host.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await PostPasswordAsync(browser, username, "a-long-password-of-the-member")).StatusCode);

        // The session is still good for reading, but eleven minutes on it no longer puts a device on the account.
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/security")).StatusCode);
        var stale = await browser.GetAsync("/account/two-factor/enrol");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/account/sign-in?again=1&returnUrl=%2Faccount%2Ftwo-factor%2Fenrol", stale.Headers.Location!.OriginalString);
        var staleConfirm = await PostCodeAsync(browser, "/account/two-factor/enrol", "123456");
        Assert.StartsWith("/account/sign-in?again=1", staleConfirm.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("sign in once more", await browser.GetStringAsync(stale.Headers.Location.OriginalString), StringComparison.Ordinal);
        using (var scope = Host.Services.CreateAsyncScope())
        {
            Assert.False((await scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>().FindByNameAsync(username))!.TwoFactorEnabled);
        }

        // Signed in again now, the person sees a key; looking again shows a new one, and only the last one shown counts.
        clock.Advance(TimeSpan.FromMinutes(-11));
        await PostPasswordAsync(browser, username, "a-long-password-of-the-member");
        var firstKey = KeyOf(await browser.GetStringAsync("/account/two-factor/enrol"));
        var key = KeyOf(await browser.GetStringAsync("/account/two-factor/enrol"));
        Assert.NotEqual(firstKey, key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostCodeAsync(browser, "/account/two-factor/enrol", Totp.Code(firstKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostCodeAsync(browser, "/account/two-factor/enrol", Totp.Code(key))).StatusCode);

        var told = await LocalMail.Sink.WaitForAsync(email, "Two-factor sign-in is on");
        Assert.Contains(username, told.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostCodeAsync(browser, "/account/security/recovery-codes", Totp.Code(key), antiforgeryFrom: "/account/security")).StatusCode);
        await LocalMail.Sink.WaitForAsync(email, "New recovery codes");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var guesser = Host.CreateBrowser();
            var guess = await PostPasswordAsync(guesser, "researcher", $"wrong-guess-number-{attempt}");
            Assert.Equal(attempt < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked, guess.StatusCode);
        }

        using var owner = Host.CreateBrowser();
        var locked = await PostPasswordAsync(owner, "researcher", LocalInfrastructure.DemoPassword);

        Assert.Equal(HttpStatusCode.Locked, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_too()
    {
        using var browser = Host.CreateBrowser();
        await PostPasswordAsync(browser, "staff", LocalInfrastructure.DemoPassword);
        var wrong = WrongCode(LocalInfrastructure.DemoAuthenticatorKey);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await PostCodeAsync(browser, HubSignIn.SecondFactorPath, wrong);
        }

        var right = await PostCodeAsync(browser, HubSignIn.SecondFactorPath, Totp.Code(LocalInfrastructure.DemoAuthenticatorKey));

        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
    }

    [Fact]
    public async Task Wrong_recovery_codes_lock_the_account_and_a_locked_account_takes_no_recovery_code()
    {
        IReadOnlyList<string> codes;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
            codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByNameAsync("staff"))!, 10))!];
        }

        using var browser = Host.CreateBrowser();
        await PostPasswordAsync(browser, "staff", LocalInfrastructure.DemoPassword);
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            answers.Add((await PostCodeAsync(browser, "/account/second-factor/recovery", $"WRNG{attempt}-CODE{attempt}")).StatusCode);
        }

        var right = await PostCodeAsync(browser, "/account/second-factor/recovery", codes[0]);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.Locked], answers);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Contains("/account/sign-in", (await browser.GetAsync(AuthorizeUrl())).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await Host.CountAuditAsync("account.recovery-code-used", "succeeded"));
    }

    [Fact]
    public async Task A_new_password_ends_the_session_and_the_refresh_tokens()
    {
        using var browser = Host.CreateBrowser();
        var tokens = await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword);
        Assert.NotNull(tokens.RefreshToken);
        await HubSignIn.RefreshAsync(browser, tokens.RefreshToken!);

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
            var account = (await users.FindByNameAsync("researcher"))!;
            Assert.True((await users.ChangePasswordAsync(account, LocalInfrastructure.DemoPassword, "a-brand-new-password-2026")).Succeeded);
        }

        var refused = await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.RefreshAsync(browser, tokens.RefreshToken!));
        Assert.Equal("invalid_grant", refused.Refusal.Error);
        Assert.Contains("/account/sign-in", (await browser.GetAsync(AuthorizeUrl())).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suspended_account_cannot_sign_in_and_its_refresh_tokens_end()
    {
        using var browser = Host.CreateBrowser();
        var tokens = await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword);

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
            var account = (await users.FindByNameAsync("researcher"))!;
            account.SuspendedAt = DateTimeOffset.UtcNow;
            Assert.True((await users.UpdateAsync(account)).Succeeded);
            await users.UpdateSecurityStampAsync(account);
        }

        await Assert.ThrowsAsync<TokenRefusedException>(() => HubSignIn.RefreshAsync(browser, tokens.RefreshToken!));
        using var later = Host.CreateBrowser();
        var signIn = await PostPasswordAsync(later, "researcher", LocalInfrastructure.DemoPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    private async Task<List<string>> SecondFactorRowsAsync(string username)
    {
        await using var connection = new Npgsql.NpgsqlConnection(LocalInfrastructure.ConnectionString(Host.Database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT t.\"Value\" FROM hub_account_tokens t JOIN hub_accounts a ON a.\"Id\" = t.\"UserId\" WHERE a.\"UserName\" = $1", connection);
        command.Parameters.AddWithValue(username);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task AddStaffAsync(string username, string password)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var account = new HubAccount
        {
            Id = Guid.CreateVersion7(), UserName = username, Email = $"{username}@brainport.example", EmailConfirmed = true,
            DisplayName = "New Staff", OrganisationId = "brainport-hub", CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(account, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(account, [HubRoles.Staff, HubRoles.Member])).Succeeded);
    }

    private async Task AddMemberAsync(string username, string email, string password)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var account = new HubAccount
        {
            Id = Guid.CreateVersion7(), UserName = username, Email = email, EmailConfirmed = true,
            DisplayName = "A Member", OrganisationId = "tue", CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(account, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(account, [HubRoles.Member])).Succeeded);
    }

    private static string KeyOf(string enrolmentPage) => KeyShown().Match(enrolmentPage).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> PostPasswordAsync(HttpClient browser, string username, string password)
    {
        var page = await browser.GetStringAsync("/account/sign-in");
        return await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery(page), ["username"] = username, ["password"] = password, ["returnUrl"] = "/",
        }));
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, string path, string code, string? antiforgeryFrom = null)
    {
        var page = await browser.GetStringAsync(antiforgeryFrom ?? "/account/sign-in");
        return await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery(page), ["code"] = code, ["returnUrl"] = "/",
        }));
    }

    // A code that is none of those the hub accepts now (it allows for clocks a step or two apart).
    private static string WrongCode(string key)
    {
        var near = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(step * 30))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(code => !near.Contains(code));
    }

    private static string AuthorizeUrl() => HubSignIn.AuthorizationRequest().Url;

    private static string Antiforgery(string page) => WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyShown();

    [GeneratedRegex("<li>([^<]+)</li>")]
    private static partial Regex RecoveryCodes();
}
