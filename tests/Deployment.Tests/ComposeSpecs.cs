using System.Diagnostics;
using System.Text.RegularExpressions;
using Federation.Testing;
using static Federation.Deployment.Tests.Manifest;

namespace Federation.Deployment.Tests;

/// <summary>
/// infra/compose/compose.yaml, for people with Docker: it passes `docker-compose config` (no engine needed), starts
/// every service only after what it needs is healthy, and takes every secret from the environment file.
/// </summary>
public sealed partial class ComposeSpecs
{
    private static readonly string Folder = Path.Combine(LocalInfrastructure.RepositoryRoot, "infra", "compose");
    private static readonly Manifest Compose = ParseAll(File.ReadAllText(Path.Combine(Folder, "compose.yaml"))).Single();

    // The ids of infra/hubs.tsv: the seven hubs and the AI factory, each a node of its own.
    private static readonly string[] Members = [.. File.ReadAllLines(Path.Combine(LocalInfrastructure.RepositoryRoot, "infra", "hubs.tsv"))
        .Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t')[0])];

    [Fact]
    public async Task Compose_accepts_the_file()
    {
        var environment = Path.GetTempFileName();
        // The secrets prepare.sh writes, among them one broker password per node.
        var brokerAccounts = File.ReadAllLines(Path.Combine(LocalInfrastructure.RepositoryRoot, "infra", "hubs.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => "FEDERATION_MQ_PASSWORD_HUB_" + line.Split('\t')[0].ToUpperInvariant().Replace('-', '_'))
            .Append("FEDERATION_MQ_PASSWORD_CATALOGUE");
        await File.WriteAllLinesAsync(environment, new[] { "FEDERATION_DB_PASSWORD", "FEDERATION_MQ_PASSWORD", "FEDERATION_DEMO_PASSWORD",
            "FEDERATION_AUTOMATION_SECRET", "FEDERATION_CERT_PASSWORD", "FEDERATION_AUTHORITY_SECRET" }.Concat(brokerAccounts).Select(name => $"{name}=checked-{name.Length}"));
        var start = new ProcessStartInfo("docker-compose", ["--env-file", environment, "-f", Path.Combine(Folder, "compose.yaml"), "config", "--quiet"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var compose = Process.Start(start)!;
        var errors = await compose.StandardError.ReadToEndAsync();
        await compose.WaitForExitAsync();
        File.Delete(environment);
        Assert.True(compose.ExitCode == 0, errors);
    }

    [Fact]
    public void Every_service_starts_after_what_it_needs_is_healthy()
    {
        var services = Map(Compose.Get("services"));
        // PostgreSQL, RabbitMQ, the authority, the catalogue and the portal, and a node for each member of infra/hubs.tsv.
        Assert.Equal(5 + Members.Length, services.Count);
        foreach (var (name, definition) in services)
        {
            foreach (var (needed, condition) in Map(Walk(definition, "depends_on")))
            {
                Assert.Equal("service_healthy", Walk(condition, "condition"));
                var target = Map(services[needed]);
                // Our own images carry a HEALTHCHECK (infra/docker); the others declare one here.
                Assert.True(target.ContainsKey("healthcheck") || target.ContainsKey("build"),
                    $"{name} waits for {needed}, which has no health check");
            }
        }

        Assert.All(services.Keys.Cast<string>().Where(name => name.StartsWith("hub-", StringComparison.Ordinal)),
            hub => Assert.Contains(hub, Map(Walk(services["portal"], "depends_on")).Keys.Cast<string>()));
    }

    [Fact]
    public void Every_secret_comes_from_the_environment_file_and_each_hub_signs_with_its_own_keys()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "compose.yaml"));
        foreach (Match setting in Setting().Matches(text))
        {
            if (SecretName().IsMatch(setting.Groups["key"].Value))
            {
                Assert.Matches(@"^\$\{FEDERATION_[A-Z_]+:\?", setting.Groups["value"].Value.Trim());
            }
        }

        Assert.All(Regex.Matches(text, "Password=([^;\\s]*)").Select(m => m.Groups[1].Value), value => Assert.StartsWith("${FEDERATION_", value, StringComparison.Ordinal));
        var secrets = Map(Compose.Get("secrets")).Keys.Cast<string>().ToList();
        // Per member node a signing and an encryption certificate and a federation key; the authority's key, public key and seed.
        Assert.Equal(3 * Members.Length + 3, secrets.Distinct().Count());
        var federationKeys = Map(Compose.Get("secrets")).Where(secret => ((string)secret.Key).StartsWith("federation-", StringComparison.Ordinal))
            .Select(secret => (string)Walk(secret.Value, "file")!).ToList();
        Assert.Equal(Members.Length, federationKeys.Distinct().Count());
        Assert.Matches(@"image: postgres:[0-9]+\.[0-9]+", text);
        Assert.Matches(@"image: rabbitmq:[0-9]+\.[0-9]+\.[0-9]+", text);
    }

    [GeneratedRegex(@"^[ \t]+(?<key>[A-Za-z_][A-Za-z0-9_-]*):[ \t]*(?<value>[^\r\n]+)$", RegexOptions.Multiline)]
    private static partial Regex Setting();

    [GeneratedRegex("password|secret|_PASS$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
