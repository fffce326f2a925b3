using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Clients.Hubs;
using Federation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Hub.Tests;

/// <summary>
/// The hub limits its token endpoint per OAuth client and its sign-in per account (besides per address): one
/// client or one account over its limit gets 429 with Retry-After, before any work is done, and nobody else is held up.
/// </summary>
public sealed class RateLimitSpecs
{
    [Fact]
    public async Task A_client_over_its_token_limit_is_told_when_to_come_back_and_other_clients_are_not_held_up()
    {
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["RateLimits:Rules:token:PerClient"] = "3" });
        using var client = hub.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = LocalInfrastructure.ServiceClientId,
                ["client_secret"] = LocalInfrastructure.ServiceClientSecret,
            }));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(429, (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        last.Dispose();

        // Another client is counted on its own: its (bad) refresh token is judged, not refused for someone else's use.
        var other = await Record.ExceptionAsync(() => HubSignIn.RefreshAsync(client, "not-a-refresh-token"));
        Assert.DoesNotContain("429", Assert.IsType<TokenRefusedException>(other).Message, StringComparison.Ordinal);
    }

    // Every form that checks something secret (a password, a code, a link's token) or sends mail, by its rule.
    private static readonly Dictionary<string, string> GuessableForms = new()
    {
        ["second-factor"] = "/account/second-factor",
        ["recovery-code"] = "/account/second-factor/recovery",
        ["two-factor-enrolment"] = "/account/two-factor/enrol",
        ["recovery-code-renewal"] = "/account/security/recovery-codes",
        ["forgot-password"] = "/account/forgot-password",
        ["reset-password"] = "/account/reset-password",
        ["join"] = "/account/join",
        ["join-confirm"] = "/account/join/confirm",
        ["invitation"] = "/account/invitation",
        ["institution-link"] = "/account/institution/link",
        ["institution-join"] = "/account/institution/join",
    };

    [Fact]
    public async Task Every_form_that_checks_a_secret_or_sends_mail_is_limited_per_address()
    {
        await using var hub = await HubHost.StartAsync(settings: GuessableForms.Keys.ToDictionary(rule => $"RateLimits:Rules:{rule}:PerIp", _ => (string?)"2"));
        using var browser = hub.CreateBrowser();

        foreach (var (rule, path) in GuessableForms)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
            {
                using var answer = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "000000" }));
                statuses.Add(answer.StatusCode);
            }

            Assert.True(statuses[0] != HttpStatusCode.TooManyRequests && statuses[1] != HttpStatusCode.TooManyRequests, $"{rule}: {string.Join(" ", statuses)}");
            Assert.True(statuses[2] == HttpStatusCode.TooManyRequests, $"{rule} ({path}) let a third try through: {string.Join(" ", statuses)}");
        }
    }

    [Fact]
    public async Task Setting_off_sign_ins_at_an_institution_is_limited_per_address()
    {
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["RateLimits:Rules:institution-sign-in:PerIp"] = "2" });
        using var browser = hub.CreateBrowser();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var answer = await browser.GetAsync("/account/institution/sign-in/no-such-provider");
            statuses.Add(answer.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Password_guessing_at_one_account_is_stopped_without_locking_out_the_others()
    {
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["RateLimits:Rules:sign-in:PerClient"] = "2" });
        using var browser = hub.CreateBrowser();

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var refused = await Record.ExceptionAsync(() => HubSignIn.SignInAsync(browser, "company", $"guess-{i}"));
            guesses.Add(refused is SignInRefusedException ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests);
            Assert.True(refused is SignInRefusedException || refused?.Message.Contains("429", StringComparison.Ordinal) == true, refused?.ToString());
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], guesses);
        // A browser at the form is told in words, not in JSON.
        using var page = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "company", ["password"] = "guess" }),
        };
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var told = await browser.SendAsync(page);
        Assert.Equal(HttpStatusCode.TooManyRequests, told.StatusCode);
        Assert.Equal("text/html", told.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again", await told.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Even the right password waits for the window to pass; another account signs in as usual.
        await Assert.ThrowsAnyAsync<Exception>(() => HubSignIn.SignInAsync(browser, "company", LocalInfrastructure.DemoPassword));
        var researcher = await HubSignIn.SignInAsync(hub.CreateBrowser(), "researcher", LocalInfrastructure.DemoPassword);
        Assert.False(string.IsNullOrEmpty(researcher.AccessToken));
    }

    [Fact]
    public async Task Downloads_are_counted_per_signed_in_client_apart_from_anonymous_ones()
    {
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["RateLimits:Rules:download:PerClient"] = "2" });
        using var staff = await hub.CreateClientAsync("staff");
        var staffApi = new HubClient(staff);
        var cancellation = TestContext.Current.CancellationToken;
        var resource = (await staffApi.CreateResourceAsync(ResourceJson.Minimal("dataset", "Open meetreeks voor limieten", "open", "TU/e"), cancellation)).EnsureSuccess();
        using var file = new MemoryStream("a,b\n1,2\n"u8.ToArray());
        var artifact = (await staffApi.UploadArtifactAsync(resource.Id, "meting.csv", file, "text/csv", file.Length, cancellation)).EnsureSuccess();
        var path = $"/resources/{resource.Id}/artifacts/{artifact.Id}";
        (await staffApi.PublishAsync(resource.Id, version: null, cancellation)).EnsureSuccess();

        var byStaff = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await staff.GetAsync(path);
            byStaff.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], byStaff);
        // Someone without a token is counted by address only, which has room left.
        using var anonymous = hub.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Guessing_at_an_account_from_one_address_does_not_lock_its_owner_out_at_another()
    {
        await using var hub = await HubHost.StartAsync(
            settings: new Dictionary<string, string?> { ["RateLimits:Rules:sign-in:PerClient"] = "2" },
            configureServices: services => services.AddSingleton<IStartupFilter, AddressFromTestHeader>());
        using var attacker = hub.CreateBrowser();
        attacker.DefaultRequestHeaders.Add(AddressFromTestHeader.Header, "203.0.113.66");

        var guesses = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            guesses.Add(await Record.ExceptionAsync(() => HubSignIn.SignInAsync(attacker, "company", $"guess-{i}")) is SignInRefusedException);
        }

        using var owner = hub.CreateBrowser();
        owner.DefaultRequestHeaders.Add(AddressFromTestHeader.Header, "198.51.100.7");
        var signedIn = await HubSignIn.SignInAsync(owner, "company", LocalInfrastructure.DemoPassword);

        Assert.Equal([true, true, false], guesses);
        Assert.False(string.IsNullOrEmpty(signedIn.AccessToken));
    }

    /// <summary>The test server has no sockets: a test names the client address a request comes from in a header.</summary>
    private sealed class AddressFromTestHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(app);
        };
    }
}
