using Federation.Contracts;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace Federation.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ that infra/local/start.sh runs. Settings come from the environment (the test script
/// exports them) or else from the secrets file start.sh wrote; tests never hold a password themselves.
/// </summary>
public static class LocalInfrastructure
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Secrets = new(ReadSecrets);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PostgresPort => Setting("PG_PORT", "55432");

    public static string RabbitPort => Setting("RABBITMQ_NODE_PORT", "55672");

    public static string RabbitManagementPort => Setting("RABBITMQ_MANAGEMENT_PORT", "55680");

    public static string DatabasePassword => Setting("FEDERATION_DB_PASSWORD", null);

    public static string BrokerPassword => Setting("FEDERATION_MQ_PASSWORD", null);

    /// <summary>Password of the demo accounts of the hubs a test starts: made up per test run, never in the code.</summary>
    public static string DemoPassword { get; } = "demo-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>Authenticator key of the demo staff of the hubs a test starts (their second factor), made up per run.</summary>
    public static string DemoAuthenticatorKey { get; } = Totp.NewKey();

    /// <summary>Secret of the confidential service client of the hubs a test starts, made up per run like the passwords.</summary>
    public static string ServiceClientSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public const string ServiceClientId = "hub-automation";

    public static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=federation;Password={DatabasePassword};Database={database};Maximum Pool Size=30;Include Error Detail=true";

    /// <summary>
    /// The same database as the hubs' application role (start.sh creates it), which owns nothing: what a hub connects
    /// as when <see cref="ConnectionString"/>, the owner's, is its <c>HubOwner</c> connection.
    /// </summary>
    public static string ApplicationConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=federation_app;Password={Setting("FEDERATION_DB_APP_PASSWORD", null)};Database={database};Maximum Pool Size=30;Include Error Detail=true";

    /// <summary>A fresh, empty database for one fixture; drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, bool exactName = false)
    {
        var name = exactName ? prefix : $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", connection);
        command.Parameters.AddWithValue(name);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A RabbitMQ virtual host of one fixture's own, so parallel suites never consume each other's messages.</summary>
    public static async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        using var http = Management();
        (await http.PutAsync($"api/vhosts/{name}", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{name}/federation",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        // The queue limits every deployment sets (BrokerQueueLimits).
        foreach (var limit in BrokerQueueLimits.All)
        {
            await PutAsync(http, $"api/policies/{name}/{limit.Name}", new Dictionary<string, object>
            {
                ["pattern"] = limit.Pattern, ["apply-to"] = "queues", ["priority"] = 0, ["definition"] = limit.Definition,
            });
        }

        // The shared exchanges every deployment declares with the vhost (BrokerExchanges): no hub may declare them.
        foreach (var exchange in BrokerExchanges.Shared)
        {
            await PutAsync(http, $"api/exchanges/{name}/{Uri.EscapeDataString(exchange.Name)}",
                new { type = exchange.Type, durable = true, auto_delete = false, @internal = false, arguments = new { } });
        }

        return name;
    }

    /// <summary>
    /// Creates (or resets) a broker account with exactly <paramref name="permissions"/> on <paramref name="virtualHost"/>,
    /// as the local run, compose and k8s grant them; <paramref name="tags"/> e.g. <c>impersonator</c> for a load
    /// generator that publishes for many synthetic members.
    /// </summary>
    public static async Task CreateBrokerUserAsync(string virtualHost, string user, string password, BrokerPermissions permissions, string tags = "")
    {
        using var http = Management();
        await PutAsync(http, $"api/users/{Uri.EscapeDataString(user)}", new { password, tags });
        await PutAsync(http, $"api/permissions/{virtualHost}/{Uri.EscapeDataString(user)}",
            new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read });
        foreach (var topic in permissions.Topics)
        {
            await PutAsync(http, $"api/topic-permissions/{virtualHost}/{Uri.EscapeDataString(user)}",
                new { exchange = topic.Exchange, write = topic.Write, read = topic.Read });
        }
    }

    /// <summary>The local broker's own log (it records every channel it closed for a refused operation, with the user).</summary>
    public static async Task<string[]> BrokerLogAsync()
    {
        var directory = Path.Combine(Environment.GetEnvironmentVariable("FEDERATION_LOCAL_DIR") is { Length: > 0 } local ? local : Path.Combine(RepositoryRoot, ".local"),
            "rabbitmq", "log");
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(directory, "*.log").Where(file => !file.EndsWith("_upgrade.log", StringComparison.Ordinal)))
        {
            // The broker keeps writing while this reads.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            lines.AddRange((await reader.ReadToEndAsync()).Split('\n'));
        }

        return [.. lines];
    }

    public static async Task DeleteBrokerUserAsync(string user)
    {
        using var http = Management();
        await http.DeleteAsync($"api/users/{Uri.EscapeDataString(user)}");
    }

    private static async Task PutAsync(HttpClient http, string path, object body)
    {
        using var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var response = await http.PutAsync(path, content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {path} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task DeleteVirtualHostAsync(string name)
    {
        using var http = Management();
        await http.DeleteAsync($"api/vhosts/{name}");
    }

    /// <summary>Messages waiting in a queue of a vhost (null when the queue does not exist).</summary>
    public static Task<long?> QueueDepthAsync(string virtualHost, string queue) => QueueFigureAsync(virtualHost, queue, "messages");

    /// <summary>Every queue of a vhost with the name of the policy the broker applies to it now (null: none).</summary>
    public static async Task<Dictionary<string, string?>> QueuePoliciesAsync(string virtualHost)
    {
        using var http = Management();
        using var queues = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"api/queues/{virtualHost}?columns=name,policy"));
        return queues.RootElement.EnumerateArray().ToDictionary(
            queue => queue.GetProperty("name").GetString()!,
            queue => queue.TryGetProperty("policy", out var policy) && policy.ValueKind == System.Text.Json.JsonValueKind.String ? policy.GetString() : null);
    }

    /// <summary>The bindings whose source is <paramref name="exchange"/>, as "destination routing-key" (management API).</summary>
    public static async Task<List<string>> BindingsFromAsync(string virtualHost, string exchange)
    {
        using var http = Management();
        var response = await http.GetAsync($"api/exchanges/{virtualHost}/{Uri.EscapeDataString(exchange)}/bindings/source");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var bindings = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. bindings.RootElement.EnumerateArray().Select(b => $"{b.GetProperty("destination").GetString()} {b.GetProperty("routing_key").GetString()}")];
    }

    /// <summary>How many consumers a queue has now (management API), or null when the queue is not there.</summary>
    public static Task<long?> ConsumerCountAsync(string virtualHost, string queue) => QueueFigureAsync(virtualHost, queue, "consumers");

    /// <summary>
    /// Messages each client connection of a vhost has acknowledged so far, for the connections a client named
    /// <paramref name="connectionName"/> (management API; its figures lag by the broker's stats interval, 5 s).
    /// </summary>
    public static async Task<List<long>> AcknowledgedByConnectionAsync(string virtualHost, string connectionName)
    {
        using var http = Management();
        using var connections = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"api/vhosts/{virtualHost}/connections"));
        var named = connections.RootElement.EnumerateArray()
            .Where(c => c.TryGetProperty("client_properties", out var client) && client.TryGetProperty("connection_name", out var name) && name.GetString() == connectionName)
            .Select(c => c.GetProperty("name").GetString()!).ToHashSet();
        using var channels = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"api/vhosts/{virtualHost}/channels"));
        return channels.RootElement.EnumerateArray()
            .Where(c => named.Contains(c.GetProperty("connection_details").GetProperty("name").GetString()!))
            .GroupBy(c => c.GetProperty("connection_details").GetProperty("name").GetString())
            .Select(g => g.Sum(c => c.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("ack", out var ack) ? ack.GetInt64() : 0))
            .ToList();
    }

    private static async Task<long?> QueueFigureAsync(string virtualHost, string queue, string figure)
    {
        using var http = Management();
        var response = await http.GetAsync($"api/queues/{virtualHost}/{queue}");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty(figure, out var value) ? value.GetInt64() : 0;
    }

    /// <summary>Puts a message straight onto an exchange, as any client of the broker could (management API).</summary>
    public static async Task PublishRawAsync(string virtualHost, string exchange, string body, string contentType)
    {
        using var http = Management();
        var message = System.Text.Json.JsonSerializer.Serialize(new
        {
            properties = new { content_type = contentType, delivery_mode = 2, message_id = Guid.NewGuid().ToString() },
            routing_key = "",
            payload = body,
            payload_encoding = "string",
        });
        var response = await http.PostAsync($"api/exchanges/{virtualHost}/{exchange}/publish", new StringContent(message, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!json.RootElement.GetProperty("routed").GetBoolean())
        {
            throw new InvalidOperationException($"Nothing is bound to exchange '{exchange}' in '{virtualHost}'.");
        }
    }

    /// <summary>The headers of the first messages of a queue, read and put back (management API, ack_requeue_true).</summary>
    public static async Task<List<Dictionary<string, string>>> PeekHeadersAsync(string virtualHost, string queue, int count)
    {
        using var http = Management();
        var request = System.Text.Json.JsonSerializer.Serialize(new { count, ackmode = "ack_requeue_true", encoding = "auto" });
        var response = await http.PostAsync($"api/queues/{virtualHost}/{queue}/get", new StringContent(request, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(message =>
            message.GetProperty("properties").TryGetProperty("headers", out var headers)
                ? headers.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.ToString())
                : [])];
    }

    /// <summary>Runs infra/local/fault.sh (kill or restart the broker, restart PostgreSQL) and waits for it.</summary>
    public static async Task FaultAsync(params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot, "infra", "local", "fault.sh");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [script, .. arguments])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"fault.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        // This process's own idle connections died with the server; the services find out by themselves.
        NpgsqlConnection.ClearAllPools();
    }

    private static HttpClient Management()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{RabbitManagementPort}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"federation:{BrokerPassword}")));
        return http;
    }

    private static string Setting(string name, string? fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : Secrets.Value.TryGetValue(name, out var secret) ? secret
        : fallback ?? throw new InvalidOperationException(
            $"{name} is not set. Start the infrastructure first: bash infra/local/start.sh (the test script does this).");

    private static IReadOnlyDictionary<string, string> ReadSecrets()
    {
        var path = Path.Combine(RepositoryRoot, ".local", "secrets.env");
        return !File.Exists(path) ? new Dictionary<string, string>()
            : File.ReadAllLines(path).Where(line => line.Contains('=', StringComparison.Ordinal))
                .Select(line => line.Split('=', 2)).ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Federation.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Federation.sln not found above the test binaries.");
    }
}
