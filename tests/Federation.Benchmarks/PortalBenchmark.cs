using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Testing;

namespace Federation.Benchmarks;

/// <summary>
/// What the portal adds to a page over the calls it makes: the discover page against the catalogue search it asks,
/// a resource page against its three catalogue reads, and a signed-in member's "My requests" (which asks their home
/// hub and all seven hubs) against those eight hub calls made directly with tokens already in hand. Each pair is
/// measured in the same run, alternating, so both see the same machine.
/// </summary>
internal static class PortalBenchmark
{
    private static readonly string[] Queries = ["energie", "predictive maintenance", "zorg", "computer vision", "water"];

    public static async Task RunAsync(int rounds)
    {
        var invariant = CultureInfo.InvariantCulture;
        var portalPort = FreePorts.Next();
        var portalUrl = $"http://127.0.0.1:{portalPort}/";
        Console.WriteLine("Starting seven hubs with their demo data, the catalogue and the portal …");
        await using var federation = await LocalFederation.CreateAsync("benchportal", catalogueSettings: new Dictionary<string, string> { ["RateLimits__Enabled"] = "false" },
            hubSettings: new Dictionary<string, string>
        {
            ["RateLimits__Enabled"] = "false",
            ["Hub__SeedDemoData"] = "true",
            ["Identity__Clients__federation-portal__RedirectUris__0"] = $"{portalUrl}signin-oidc",
            ["Identity__Clients__federation-portal__PostLogoutRedirectUris__0"] = portalUrl,
        });
        await using var portal = new ServiceProcess("portal", "Portal", "Federation.Portal.dll", portalPort, new Dictionary<string, string>
        {
            ["Catalogue__Url"] = federation.Catalogue.BaseUrl.ToString(),
            ["SignIn__PublicUrl"] = portalUrl,
        }.Concat(federation.Authority.TrustSettings(LocalFederation.MembershipRefresh)).ToDictionary());
        await portal.StartAsync();
        await Eventually.Until(() => federation.Catalogue.Http.GetFromJsonAsync<JsonElement>("hubs"),
            hubs => hubs.EnumerateArray().Count(h => h.GetProperty("resourceCount").GetInt32() > 0) == LocalFederation.HubIds.Length,
            TimeSpan.FromSeconds(180), "the demo data of every hub in the catalogue");
        var idle = portal.ResidentMemoryMiB();

        using var catalogue = new HttpClient { BaseAddress = federation.Catalogue.BaseUrl };
        using var pages = new HttpClient { BaseAddress = portal.BaseUrl };
        var model = (await catalogue.GetFromJsonAsync<JsonElement>("search?kind=model&pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();

        var rows = new List<string>();
        var i = 0;
        var (discover, search) = await PairAsync(rounds,
            () => pages.GetAsync($"?q={Uri.EscapeDataString(Queries[i++ % Queries.Length])}&kind=dataset"),
            () => catalogue.GetAsync($"search?q={Uri.EscapeDataString(Queries[i % Queries.Length])}&kind=dataset"));
        rows.Add(Row("Discover page, a query and a filter (HTML)", discover, "catalogue `GET /search` (JSON)", search));
        var (resource, reads) = await PairAsync(rounds,
            () => pages.GetAsync($"resources/{model}"),
            async () =>
            {
                using var held = await catalogue.GetAsync($"resources/{model}");
                using var lineage = await catalogue.GetAsync($"resources/{model}/lineage");
                return await catalogue.GetAsync("hubs");
            });
        rows.Add(Row("Resource page of a model (HTML)", resource, "its 3 catalogue reads, one after another", reads));

        // A researcher of Noord-Nederland signed in to the portal, as a browser would be. The first "My requests" of
        // the run pays for cold processes too; a second member's first one, after it, shows the per-member cost.
        var noord = federation.Hubs["noord-nederland"];
        using var browser = HubSignIn.BrowserLikeClient(noord.BaseUrl);
        var me = new Uri(portal.BaseUrl, "me");
        var firstMs = await SignInAndOpenAsync(portal, browser, "researcher", me);
        using var colleague = HubSignIn.BrowserLikeClient(noord.BaseUrl);
        var secondMemberMs = await SignInAndOpenAsync(portal, colleague, "company", me);
        var direct = await DirectCallsAsync(federation);
        var (mine, calls) = await PairAsync(rounds, () => browser.GetAsync(me), direct);
        rows.Add(Row("My requests, signed in (HTML; home hub + 7 hubs)", mine, "the same 8 hub calls in parallel, tokens in hand", calls));
        var loaded = portal.ResidentMemoryMiB();

        Console.WriteLine();
        Console.WriteLine($"Rounds per page: {rounds}, one request at a time, page and baseline alternating.");
        Console.WriteLine();
        Console.WriteLine("| Page | p50 ms | p95 ms | max ms | Baseline | p50 ms | p95 ms | max ms |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant,
            $"First \"My requests\" after signing in (7 token exchanges, then kept): {firstMs:F0} ms for the run's first member, {secondMemberMs:F0} ms for the next"));
        Console.WriteLine(string.Create(invariant, $"Portal RSS: {idle:F0} MiB idle, {loaded:F0} MiB after the runs"));
    }

    /// <summary>Signs a member of Noord-Nederland in to the portal through the hub's form; returns how long their first page took.</summary>
    private static async Task<double> SignInAndOpenAsync(ServiceProcess portal, HttpClient browser, string username, Uri page)
    {
        using var toHub = await browser.GetAsync(new Uri(portal.BaseUrl, "sign-in/noord-nederland?returnUrl=%2Fme"));
        var callback = await HubSignIn.AuthorizeAsync(browser, toHub.Headers.Location!.AbsoluteUri, username, LocalInfrastructure.DemoPassword);
        using (var signedIn = await browser.GetAsync(callback))
        {
            if (signedIn.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found))
            {
                throw new InvalidOperationException($"The portal did not sign {username} in: {(int)signedIn.StatusCode}");
            }
        }

        return await TimeAsync(() => browser.GetAsync(page));
    }

    /// <summary>What "My requests" asks, made directly: notifications at home and the member's requests at every hub.</summary>
    private static async Task<Func<Task<HttpResponseMessage>>> DirectCallsAsync(LocalFederation federation)
    {
        var noord = federation.Hubs["noord-nederland"];
        var targets = LocalFederation.HubIds.Select(hub => hub.Id).Where(id => id != "noord-nederland").ToArray();
        using var browser = HubSignIn.BrowserLikeClient(noord.BaseUrl);
        var home = await HubSignIn.SignInAsync(browser, "researcher", LocalInfrastructure.DemoPassword, "openid profile roles");
        var clients = new List<HttpClient> { Client(noord.BaseUrl, home.AccessToken) };
        foreach (var target in targets)
        {
            using var hub = new HttpClient { BaseAddress = federation.Hubs[target].BaseUrl };
            clients.Add(Client(federation.Hubs[target].BaseUrl, (await HubSignIn.ExchangeAsync(noord.Http, hub, target, home.AccessToken)).AccessToken));
        }

        return async () =>
        {
            using var notifications = await clients[0].GetAsync("me/notifications");
            var answers = await Task.WhenAll(clients.Select(c => c.GetAsync("me/access-requests")));
            foreach (var answer in answers.Skip(1))
            {
                answer.Dispose();
            }

            return answers[0];
        };
    }

    private static HttpClient Client(Uri baseUrl, string token)
    {
        var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A page and its baseline, alternating, each read to the end and checked to have succeeded; first 20 of each are warm-up.</summary>
    private static async Task<(Distribution Page, Distribution Baseline)> PairAsync(int rounds, Func<Task<HttpResponseMessage>> page, Func<Task<HttpResponseMessage>> baseline)
    {
        var pageTimes = new List<double>();
        var baselineTimes = new List<double>();
        for (var round = -20; round < rounds; round++)
        {
            var pageMs = await TimeAsync(page);
            var baselineMs = await TimeAsync(baseline);
            if (round >= 0)
            {
                pageTimes.Add(pageMs);
                baselineTimes.Add(baselineMs);
            }
        }

        return (new Distribution(pageTimes), new Distribution(baselineTimes));
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await call();
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Row(string page, Distribution pageMs, string baseline, Distribution baselineMs) => string.Create(CultureInfo.InvariantCulture,
        $"| {page} | {pageMs.Percentile(50):F1} | {pageMs.Percentile(95):F1} | {pageMs.Max:F1} | {baseline} | {baselineMs.Percentile(50):F1} | {baselineMs.Percentile(95):F1} | {baselineMs.Max:F1} |");
}
