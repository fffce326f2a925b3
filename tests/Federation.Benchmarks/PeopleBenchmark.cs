using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing;
using Npgsql;

namespace Federation.Benchmarks;

/// <summary>
/// The figures of hubs running their own membership: signing in to the portal with a hub password and with the
/// institution's provider (the SURFconext stand-in, a real OpenID Provider in Node.js), each timed from the form post
/// to the portal page a browser lands on; and what the check against suspended and removed people adds to a cross-hub
/// call, the same call with that set empty and with twenty thousand entries, alternating windows.
/// </summary>
internal static partial class PeopleBenchmark
{
    private const int Concurrency = 8;

    public static async Task RunAsync(int signIns, TimeSpan callWindow)
    {
        var invariant = CultureInfo.InvariantCulture;
        var portalPort = FreePorts.Next();
        var portalUrl = $"http://127.0.0.1:{portalPort}/";
        Console.WriteLine("Starting two hubs, the catalogue, the portal and the institution provider …");
        await using var federation = await LocalFederation.CreateAsync("benchpeople", hubs: ["noord-nederland", "brainport"],
            hubSettings: new Dictionary<string, string>
            {
                ["RateLimits__Enabled"] = "false",
                ["Identity__Clients__federation-portal__RedirectUris__0"] = $"{portalUrl}signin-oidc",
                ["Identity__Clients__federation-portal__PostLogoutRedirectUris__0"] = portalUrl,
            },
            settingsOfHub: hubId => LocalInstitutions.HubSettings(hubId, "__"));
        await using var portal = new ServiceProcess("portal", "Portal", "Federation.Portal.dll", portalPort, new Dictionary<string, string>
        {
            ["Catalogue__Url"] = federation.Catalogue.BaseUrl.ToString(),
            ["SignIn__PublicUrl"] = portalUrl,
            ["RateLimits__Enabled"] = "false",
        }.Concat(federation.Authority.TrustSettings(LocalFederation.MembershipRefresh)).ToDictionary());
        await portal.StartAsync();
        var noord = federation.Hubs["noord-nederland"];
        var brainport = federation.Hubs["brainport"];

        // The first of each pays for cold processes and, upstream, for the admission: not counted.
        await PasswordSignInAsync(portal, noord, "researcher");
        await InstitutionSignInAsync(portal, noord, LocalInstitutions.RugResearcher);
        Console.WriteLine($"Sign-ins, {signIns} of each, one at a time, alternating …");
        var password = new List<double>();
        var upstream = new List<double>();
        for (var i = 0; i < signIns; i++)
        {
            password.Add(await PasswordSignInAsync(portal, noord, "researcher"));
            upstream.Add(await InstitutionSignInAsync(portal, noord, LocalInstitutions.RugResearcher));
        }

        Console.WriteLine("A cross-hub call with the revoked set empty and with 20,000 entries …");
        var resource = await PublishWithFileAsync(brainport);
        var home = await FederatedSignIn.AtHomeAsync(noord, "researcher");
        var guest = new HubClient(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = brainport.BaseUrl })
            .WithAccessToken((await FederatedSignIn.GuestTokenAsync(noord, brainport, home.AccessToken)).AccessToken);
        Task Call() => guest.ListArtifactsAsync(resource, CancellationToken.None).EnsureSuccessAsync();
        await LoadRun.ForAsync(callWindow, Concurrency, Call);
        var empty = new List<(double Rate, double P50, double P99)>();
        var filled = new List<(double Rate, double P50, double P99)>();
        var database = LocalInfrastructure.ConnectionString(federation.HubDatabases["brainport"]);
        for (var round = 0; round < 3; round++)
        {
            await FillRevokedAsync(database, entries: 0);
            var withNone = await LoadRun.ForAsync(callWindow, Concurrency, Call);
            empty.Add((withNone.PerSecond, withNone.LatencyMs.Percentile(50), withNone.LatencyMs.Percentile(99)));
            await FillRevokedAsync(database, entries: 10_000);
            var withMany = await LoadRun.ForAsync(callWindow, Concurrency, Call);
            filled.Add((withMany.PerSecond, withMany.LatencyMs.Percentile(50), withMany.LatencyMs.Percentile(99)));
        }

        var passwordMs = new Distribution(password);
        var upstreamMs = new Distribution(upstream);
        var emptyRate = empty.Average(r => r.Rate);
        var filledRate = filled.Average(r => r.Rate);
        Console.WriteLine();
        Console.WriteLine("| measure | result | target |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine(string.Create(invariant,
            $"| sign-in with a hub password: form post → portal page ({signIns}) | p50 {passwordMs.Percentile(50):F0} ms · p95 {passwordMs.Percentile(95):F0} ms · max {passwordMs.Max:F0} ms | |"));
        Console.WriteLine(string.Create(invariant,
            $"| sign-in with the institution: provider's form post → portal page ({signIns}) | p50 {upstreamMs.Percentile(50):F0} ms · p95 {upstreamMs.Percentile(95):F0} ms · max {upstreamMs.Max:F0} ms | |"));
        Console.WriteLine(string.Create(invariant,
            $"| GET artifacts at Brainport with a guest token, revoked set empty (3 × {callWindow.TotalSeconds:F0} s, {Concurrency} concurrent) | {emptyRate:F0} req/s ({string.Join(" / ", empty.Select(r => r.Rate.ToString("F0", invariant)))}) · p50 {empty.Average(r => r.P50):F2} ms · p99 {empty.Average(r => r.P99):F1} ms | |"));
        Console.WriteLine(string.Create(invariant,
            $"| same, 10,000 people suspended and 10,000 token cut-offs held | {filledRate:F0} req/s ({string.Join(" / ", filled.Select(r => r.Rate.ToString("F0", invariant)))}) · p50 {filled.Average(r => r.P50):F2} ms · p99 {filled.Average(r => r.P99):F1} ms · **{(emptyRate - filledRate) / emptyRate * 100:F1} % slower** | ≤ 5 % |"));
    }

    // A researcher at the portal: the portal sends the browser to the hub, the hub to its sign-in form; timed from
    // posting the password to the portal's page (hub authorize, portal callback and code exchange, the page itself).
    private static async Task<double> PasswordSignInAsync(ServiceProcess portal, ServiceProcess hub, string username)
    {
        using var browser = HubSignIn.BrowserLikeClient(portal.BaseUrl);
        var signInPage = await FollowAsync(browser, await browser.GetAsync("sign-in/noord-nederland?returnUrl=%2Fme"));
        var page = await signInPage.Content.ReadAsStringAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"), ["returnUrl"] = Hidden(page, "returnUrl"),
            ["username"] = username, ["password"] = LocalInfrastructure.DemoPassword,
        });
        var clock = Stopwatch.StartNew();
        var landed = await FollowAsync(browser, await browser.PostAsync(new Uri(hub.BaseUrl, "account/sign-in"), form));
        clock.Stop();
        ExpectPortalPage(portal, landed);
        return clock.Elapsed.TotalMilliseconds;
    }

    // The same through the institution: timed from posting the provider's login form to the portal's page (the
    // provider's redirects, the hub's code redemption and user-info read, its own authorize, the portal's callback).
    private static async Task<double> InstitutionSignInAsync(ServiceProcess portal, ServiceProcess hub, string login)
    {
        using var browser = HubSignIn.BrowserLikeClient(portal.BaseUrl);
        var signInPage = await FollowAsync(browser, await browser.GetAsync("sign-in/noord-nederland?returnUrl=%2Fme"));
        var returnUrl = Hidden(await signInPage.Content.ReadAsStringAsync(), "returnUrl");
        var loginPage = await FollowAsync(browser, await browser.GetAsync(
            new Uri(hub.BaseUrl, $"account/institution/sign-in/{LocalInstitutions.ProviderName}?returnUrl={Uri.EscapeDataString(returnUrl)}")));
        var action = LoginForm().Match(await loginPage.Content.ReadAsStringAsync()).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = login, ["password"] = LocalInfrastructure.DemoPassword });
        var clock = Stopwatch.StartNew();
        var landed = await FollowAsync(browser, await browser.PostAsync(new Uri(LocalInstitutions.Issuer, action), form));
        clock.Stop();
        ExpectPortalPage(portal, landed);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<HttpResponseMessage> FollowAsync(HttpClient browser, HttpResponseMessage answer)
    {
        for (var hops = 0; answer.Headers.Location is { } next && hops < 20; hops++)
        {
            var target = next.IsAbsoluteUri ? next : new Uri(answer.RequestMessage!.RequestUri!, next);
            answer.Dispose();
            answer = await browser.GetAsync(target);
        }

        return answer;
    }

    private static void ExpectPortalPage(ServiceProcess portal, HttpResponseMessage landed)
    {
        var at = landed.RequestMessage!.RequestUri!;
        if (landed.StatusCode != HttpStatusCode.OK || at.Port != portal.BaseUrl.Port || at.AbsolutePath != "/me")
        {
            throw new InvalidOperationException($"The sign-in did not land on the portal's page: {(int)landed.StatusCode} at {at}");
        }
    }

    // Suspended people of an imaginary hub, and token cut-offs of this hub's own: the check looks each caller up in
    // both. Zero entries empties the set. The hub reads it again within a second; the wait gives it two.
    private static async Task FillRevokedAsync(string connectionString, int entries)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var clear = new NpgsqlCommand("DELETE FROM hub_revoked_people WHERE home_hub = 'bench'; DELETE FROM hub_token_cutoffs WHERE home_hub = 'bench'", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        if (entries > 0)
        {
            await using var fill = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new("""
                        INSERT INTO hub_revoked_people (home_hub, subject, standing, reason, since, lifted_at, change)
                        SELECT 'bench', 'person-' || n, 'suspended', 'benchmark', now(), NULL, nextval('hub_revoked_people_changes') FROM generate_series(1, $1) n
                        """) { Parameters = { new() { Value = entries } } },
                    new("""
                        INSERT INTO hub_token_cutoffs (home_hub, subject, issued_before)
                        SELECT 'bench', 'person-' || n, now() FROM generate_series(1, $1) n
                        """) { Parameters = { new() { Value = entries } } },
                },
            };
            await fill.ExecuteNonQueryAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    private static async Task<Guid> PublishWithFileAsync(ServiceProcess hub)
    {
        var staff = hub.StaffClient();
        var created = await staff.CreateResourceAsync(new ResourceInput
        {
            Kind = "dataset", Title = $"Benchmark files {Guid.NewGuid():N}", Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "Benchmark",
        }, CancellationToken.None).EnsureSuccessAsync();
        await staff.PublishAsync(created.Id, version: null, CancellationToken.None).EnsureSuccessAsync();
        await IdentityBenchmark.UploadAsync(hub, created.Id, new MemoryStream(new byte[1024]), 1024);
        return created.Id;
    }

    private static string Hidden(string page, string name) =>
        WebUtility.HtmlDecode(Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);

    [GeneratedRegex("""<form method="post" action="([^"]+/login)">""")]
    private static partial Regex LoginForm();
}
