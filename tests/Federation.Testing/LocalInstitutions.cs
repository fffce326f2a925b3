using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Federation.Testing;

/// <summary>
/// The outside OpenID Provider of a test run: the stand-in for SURFconext in <c>infra/institutions</c> (the npm package
/// oidc-provider, in its own Node.js process on a free loopback port), with the people of two institutions, each hub of
/// the federation registered as a client. Started once per test process, at its first use, and stopped with it.
/// </summary>
public static class LocalInstitutions
{
    /// <summary>The provider's name at the hubs: the callback path is /signin-surfconext.</summary>
    public const string ProviderName = "surfconext";

    /// <summary>People the rule admits (rug.example), and others who must ask (hanze.example; one with an unverified address).</summary>
    public const string RugResearcher = "a.dijkstra@rug.example", RugStudent = "j.postma@rug.example",
        HanzeLecturer = "m.kuipers@hanze.example", HanzeUnverified = "t.smit@hanze.example";

    private static readonly string ClientSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    private static readonly Lazy<Uri> Started = new(Start);

    /// <summary>The provider's issuer URL (starting it if it is not running yet).</summary>
    public static Uri Issuer => Started.Value;

    /// <summary>
    /// The settings that make hub <paramref name="hubId"/> trust the provider, admit people of rug.example as members of
    /// the organisation "rug" by themselves, and send everyone else to staff; keys joined with <paramref name="separator"/>.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> HubSettings(string hubId, string separator = ":")
    {
        var provider = $"Identity{separator}Upstream{separator}Providers{separator}0{separator}";
        var rule = $"{provider}Admission{separator}0{separator}";
        return
        [
            new($"Identity{separator}Upstream{separator}AllowLoopbackHttp", "true"),
            new($"{provider}Name", ProviderName),
            new($"{provider}DisplayName", "SURFconext (stand-in)"),
            new($"{provider}Authority", Issuer.ToString()),
            new($"{provider}ClientId", $"hub-{hubId}"),
            new($"{provider}ClientSecret", ClientSecret),
            new($"{provider}Scopes{separator}0", "openid"),
            new($"{provider}Scopes{separator}1", "email"),
            new($"{provider}Scopes{separator}2", "profile"),
            new($"{provider}Scopes{separator}3", "institution"),
            new($"{rule}Domains{separator}0", "rug.example"),
            new($"{rule}OrganisationId", "rug"),
            new($"{rule}OrganisationName", "Rijksuniversiteit Groningen"),
            new($"{rule}OrganisationType", "university"),
        ];
    }

    private static Uri Start()
    {
        var port = FreePorts.Next();
        var issuer = new Uri($"http://127.0.0.1:{port}");
        var directory = Path.Combine(LocalInfrastructure.RepositoryRoot, "infra", "institutions");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"The stand-in provider is not installed: run 'npm ci' in {directory} (infra/test.sh does).");
        }

        string[] hubs = ["zuid-holland", "noord-nederland", "oost-nederland", "brainport", "midden-nederland", "amsterdam", "brightlands"];
        var start = new ProcessStartInfo("node", "server.mjs")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["INSTITUTIONS_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["INSTITUTIONS_PASSWORD"] = LocalInfrastructure.DemoPassword,
                ["INSTITUTIONS_CLIENTS"] = JsonSerializer.Serialize(hubs.Select(hub => new Dictionary<string, string>
                {
                    ["client_id"] = $"hub-{hub}", ["client_secret"] = ClientSecret,
                })),
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        };

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                var discovery = http.GetFromJsonAsync<JsonElement>(new Uri(issuer, "/.well-known/openid-configuration")).GetAwaiter().GetResult();
                if (discovery.GetProperty("issuer").GetString() == issuer.ToString().TrimEnd('/'))
                {
                    return issuer;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException($"The stand-in provider did not come up on {issuer}: {string.Join(Environment.NewLine, output)}");
    }
}
