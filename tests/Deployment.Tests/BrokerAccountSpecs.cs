using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Federation.Contracts;
using Federation.Testing;
using static Federation.Deployment.Tests.Manifest;

namespace Federation.Deployment.Tests;

/// <summary>
/// Every broker account has exactly the rights <see cref="BrokerPermissions"/> gives it, wherever the federation runs:
/// the local run's script, the broker definitions compose loads, and the accounts k8s declares (in the federation's
/// namespace only, so no hub can widen its own). A hub's account is hub-&lt;id&gt;, the name receivers expect in the
/// user_id of that hub's messages. And every queue has the limits <see cref="BrokerQueueLimits"/> gives it, in all three.
/// </summary>
public sealed class BrokerAccountSpecs
{
    private static readonly string Root = LocalInfrastructure.RepositoryRoot;

    private static readonly string[] HubIds = File.ReadAllLines(Path.Combine(Root, "infra", "hubs.tsv"))
        .Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t')[0]).ToArray();

    public static TheoryData<string> Accounts => [.. HubIds.Select(id => $"hub {id}").Append("catalogue")];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task The_local_runs_script_grants_each_account_what_BrokerPermissions_says(string account)
    {
        var expected = Expected(account);

        var rights = await ShellAsync($"broker_permissions {account}");
        var topics = await ShellAsync($"broker_topic_permissions {account}");

        Assert.Equal([expected.Configure, expected.Write, expected.Read], rights);
        Assert.Equal(expected.Topics.Select(t => $"{t.Exchange} {t.Write} {t.Read}"), topics);
    }

    [Fact]
    public async Task The_local_runs_script_sets_the_queue_limits_BrokerQueueLimits_says()
    {
        Assert.Equal(BrokerQueueLimits.All.Select(Line), await ShellAsync("broker_queue_limits"));
    }

    [Fact]
    public async Task The_local_run_declares_the_shared_exchanges_BrokerExchanges_says()
    {
        Assert.Equal(BrokerExchanges.Shared.Select(e => $"{e.Name} {e.Type}"), await ShellAsync("broker_shared_exchanges"));
    }

    [Fact]
    public void K8s_declares_the_shared_exchanges_centrally_and_no_hub_namespace_declares_any()
    {
        var exchanges = Kustomize.Overlays["central"].Where(o => o.Kind == "Exchange").ToList();
        Assert.Equal(BrokerExchanges.Shared.Select(e => $"{e.Name} {e.Type}").Order(),
            exchanges.Select(o => $"{o.Text("spec.name")} {o.Text("spec.type")}").Order());
        Assert.All(exchanges, o =>
        {
            Assert.Equal("federation", o.Text("spec.vhost"));
            Assert.Equal("true", o.Text("spec.durable"), ignoreCase: true);
            Assert.Equal("false", o.Text("spec.autoDelete"), ignoreCase: true);
            Assert.Equal("broker", o.Text("spec.rabbitmqClusterReference.name"));
        });
        Assert.All(HubIds, id => Assert.DoesNotContain(Kustomize.Overlays[$"hub-{id}"], o => o.Kind is "Exchange" or "Binding"));
    }

    [Fact]
    public void K8s_declares_the_queue_limits_centrally_on_the_federations_vhost()
    {
        var central = Kustomize.Overlays["central"];
        var policies = central.Where(o => o.Kind == "Policy").ToList();
        Assert.Equal(BrokerQueueLimits.All.Select(limit => limit.Name).Order(), policies.Select(o => o.Text("spec.name")!).Order());
        foreach (var policy in policies)
        {
            Assert.Equal("federation", policy.Text("spec.vhost"));
            Assert.Equal("queues", policy.Text("spec.applyTo"));
            Assert.Equal("broker", policy.Text("spec.rabbitmqClusterReference.name"));
            var limit = BrokerQueueLimits.All.Single(l => l.Name == policy.Text("spec.name"));
            Assert.Equal(Line(limit), $"{policy.Text("spec.name")} {policy.Text("spec.pattern")} {policy.Text("spec.definition.max-length")} " +
                $"{policy.Text("spec.definition.max-length-bytes")} {policy.Text("spec.definition.overflow")}");
        }

        Assert.All(HubIds, id => Assert.DoesNotContain(Kustomize.Overlays[$"hub-{id}"], o => o.Kind == "Policy"));
    }

    [Fact]
    public void K8s_declares_every_account_centrally_with_exactly_its_rights_and_no_hub_namespace_declares_any()
    {
        var central = Kustomize.Overlays["central"];
        var broker = Assert.Single(central, o => o.Kind == "RabbitmqCluster");
        Assert.Equal("federation", Map(broker.Get("metadata.annotations"))["rabbitmq.com/topology-allowed-namespaces"]);
        Assert.All(HubIds, id => Assert.DoesNotContain(Kustomize.Overlays[$"hub-{id}"],
            o => o.Kind is "User" or "Permission" or "TopicPermission"));

        foreach (var (user, permissions) in HubIds.Select(id => ($"hub-{id}", BrokerPermissions.ForHub(id)))
            .Append(("catalogue-broker-user", BrokerPermissions.ForCatalogue())))
        {
            Assert.Single(central, o => o.Kind == "User" && o.Name == user);
            var permission = Assert.Single(central, o => o.Kind == "Permission" && o.Text("spec.userReference.name") == user);
            Assert.Equal("federation", permission.Text("spec.vhost"));
            Assert.Equal(permissions.Configure, permission.Text("spec.permissions.configure"));
            Assert.Equal(permissions.Write, permission.Text("spec.permissions.write"));
            Assert.Equal(permissions.Read, permission.Text("spec.permissions.read"));
            var topics = central.Where(o => o.Kind == "TopicPermission" && o.Text("spec.userReference.name") == user)
                .Select(o => new TopicPermission(o.Text("spec.permissions.exchange")!, o.Text("spec.permissions.write")!, o.Text("spec.permissions.read")!));
            Assert.Equal(permissions.Topics.OrderBy(t => t.Exchange), topics.OrderBy(t => t.Exchange));
        }

        // A hub's account has the name receivers expect (hub-<id>), from a secret the operator provides.
        Assert.All(HubIds, id => Assert.Equal($"broker-account-hub-{id}",
            Assert.Single(central, o => o.Kind == "User" && o.Name == $"hub-{id}").Text("spec.importCredentialsSecret.name")));
    }

    [Fact]
    public async Task Compose_loads_one_account_per_node_with_exactly_its_rights_and_each_node_uses_its_own()
    {
        var copy = Directory.CreateTempSubdirectory("compose-prepare-").FullName;
        try
        {
            foreach (var path in new[] { "infra/compose/prepare.sh", "infra/local/broker-accounts.sh", "infra/hubs.tsv" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, path))!);
                File.Copy(Path.Combine(Root, path), Path.Combine(copy, path));
            }

            var (exitCode, output) = await RunAsync("bash", Path.Combine(copy, "infra/compose/prepare.sh"));
            Assert.True(exitCode == 0, output);
            using var definitions = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(copy, "infra/compose/certs/broker-definitions.json")));
            var environment = File.ReadAllLines(Path.Combine(copy, "infra/compose/.env")).Select(line => line.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var users = definitions.RootElement.GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!);
            Assert.Equal(HubIds.Select(id => $"hub-{id}").Append("catalogue").Append("federation").Order(), users.Keys.Order());

            foreach (var (user, permissions) in HubIds.Select(id => ($"hub-{id}", BrokerPermissions.ForHub(id))).Append(("catalogue", BrokerPermissions.ForCatalogue())))
            {
                var password = environment[$"FEDERATION_MQ_PASSWORD_{user.ToUpperInvariant().Replace('-', '_')}"];
                Assert.True(HashHolds(users[user].GetProperty("password_hash").GetString()!, password), $"the hash of {user} is not of its password");
                Assert.Empty(users[user].GetProperty("tags").EnumerateArray());
                var permission = definitions.RootElement.GetProperty("permissions").EnumerateArray().Single(p => p.GetProperty("user").GetString() == user);
                Assert.Equal(permissions.Configure, permission.GetProperty("configure").GetString());
                Assert.Equal(permissions.Write, permission.GetProperty("write").GetString());
                Assert.Equal(permissions.Read, permission.GetProperty("read").GetString());
                var topics = definitions.RootElement.GetProperty("topic_permissions").EnumerateArray().Where(p => p.GetProperty("user").GetString() == user)
                    .Select(p => new TopicPermission(p.GetProperty("exchange").GetString()!, p.GetProperty("write").GetString()!, p.GetProperty("read").GetString()!));
                Assert.Equal(permissions.Topics.OrderBy(t => t.Exchange), topics.OrderBy(t => t.Exchange));
            }

            var policies = definitions.RootElement.GetProperty("policies").EnumerateArray().Select(p =>
            {
                Assert.Equal("federation", p.GetProperty("vhost").GetString());
                Assert.Equal("queues", p.GetProperty("apply-to").GetString());
                var definition = p.GetProperty("definition");
                return $"{p.GetProperty("name").GetString()} {p.GetProperty("pattern").GetString()} {definition.GetProperty("max-length").GetInt64()} " +
                    $"{definition.GetProperty("max-length-bytes").GetInt64()} {definition.GetProperty("overflow").GetString()}";
            });
            Assert.Equal(BrokerQueueLimits.All.Select(Line), policies);

            var exchanges = definitions.RootElement.GetProperty("exchanges").EnumerateArray().Select(e =>
            {
                Assert.Equal("federation", e.GetProperty("vhost").GetString());
                Assert.True(e.GetProperty("durable").GetBoolean());
                Assert.False(e.GetProperty("auto_delete").GetBoolean());
                return $"{e.GetProperty("name").GetString()} {e.GetProperty("type").GetString()}";
            });
            Assert.Equal(BrokerExchanges.Shared.Select(e => $"{e.Name} {e.Type}"), exchanges);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }

        var services = Map(ParseAll(await File.ReadAllTextAsync(Path.Combine(Root, "infra/compose/compose.yaml"))).Single().Get("services"));
        Assert.Equal("catalogue", Walk(services["catalogue"], "environment.RabbitMq__Username"));
        Assert.All(HubIds, id => Assert.Equal($"hub-{id}", Walk(services[$"hub-{id}"], "environment.RabbitMq__Username")));
    }

    private static string Line(BrokerQueueLimits limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{limit.Name} {limit.Pattern} {limit.MaxLength} {limit.MaxLengthBytes} {limit.Overflow}");

    private static BrokerPermissions Expected(string account) =>
        account.Split(' ') is ["hub", var id] ? BrokerPermissions.ForHub(id) : BrokerPermissions.ForCatalogue();

    // RabbitMQ's rabbit_password_hashing_sha256: base64(salt of 4 bytes + SHA-256(salt + password)).
    private static bool HashHolds(string hash, string password)
    {
        var bytes = Convert.FromBase64String(hash);
        return SHA256.HashData([.. bytes[..4], .. Encoding.UTF8.GetBytes(password)]).SequenceEqual(bytes[4..]);
    }

    private static async Task<string[]> ShellAsync(string command)
    {
        var (exitCode, output) = await RunAsync("bash", "-c", $"source '{Root}/infra/local/broker-accounts.sh' && {command}");
        Assert.True(exitCode == 0, output);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, process.ExitCode == 0 ? await output : await errors + await output);
    }
}
