using Federation.Clients.OAuth;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>
/// A real hub in the test process: its Orleans silo on free ports, its own PostgreSQL database and RabbitMQ vhost.
/// <see cref="RestartAsync"/> starts a new process-equivalent on the same database, to prove state survives.
/// </summary>
public sealed class HubHost : IFreshHost<HubHost>
{
    private WebApplicationFactory<Program>? factory;

    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configureServices;
    private bool asApplicationRole;

    private HubHost(string database, string virtualHost, string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        this.settings = settings;
        this.configureServices = configureServices;
        Database = database;
        VirtualHost = virtualHost;
        Environment = environment;
    }

    public string HubId { get; } = "brainport";

    public string Database { get; }

    public string VirtualHost { get; }

    public string Environment { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>What the hub last logged as a warning or error, for a spec's failure message.</summary>
    public RecentWarnings Warnings { get; } = new();

    private WebApplicationFactory<Program> Factory => factory ?? throw new InvalidOperationException("The hub is not running.");

    /// <param name="existingTablesSql">Run on the new database before the hub starts, as an older hub's tables.</param>
    /// <param name="asApplicationRole">Connect as the application role, with the owner for the schema steps, as the hubs run.</param>
    public static async Task<HubHost> StartAsync(
        string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null,
        bool asApplicationRole = false, string? existingTablesSql = null)
    {
        var host = new HubHost(
            await LocalInfrastructure.CreateDatabaseAsync("hubtest"), await LocalInfrastructure.CreateVirtualHostAsync("hubtest"), environment,
            settings ?? new Dictionary<string, string?>(), configureServices) { asApplicationRole = asApplicationRole };
        try
        {
            if (existingTablesSql is not null)
            {
                // What an older hub left in its database, for specs of an upgrade.
                await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(host.Database));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(existingTablesSql, connection);
                await command.ExecuteNonQueryAsync();
            }

            host.factory = host.CreateFactory();
            _ = host.factory.Server;
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    static Task<HubHost> IFreshHost<HubHost>.StartAsync() => StartAsync();

    /// <summary>An anonymous client of the hub's API.</summary>
    public HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>A client holding a real token of <paramref name="username"/>, got through the hub's sign-in form.</summary>
    public async Task<HttpClient> CreateClientAsync(string username = "staff")
    {
        var token = await SignInAsync(username);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    public async Task<TokenResponse> SignInAsync(string username, string? scope = null)
    {
        using var browser = CreateBrowser();
        return scope is null
            ? await HubSignIn.SignInAsync(browser, username, LocalInfrastructure.DemoPassword)
            : await HubSignIn.SignInAsync(browser, username, LocalInfrastructure.DemoPassword, scope);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, as a browser seen step by step.</summary>
    public HttpClient CreateBrowser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task RestartAsync()
    {
        await Factory.DisposeAsync();
        factory = CreateFactory();
        _ = factory.Server;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many audit records of <paramref name="action"/> ended in <paramref name="outcome"/>.</summary>
    public async Task<long> CountAuditAsync(string action, string outcome)
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.ConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hub_audit WHERE action = $1 AND outcome = $2", connection);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue(outcome);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        await LocalInfrastructure.DropDatabaseAsync(Database);
        await LocalInfrastructure.DeleteVirtualHostAsync(VirtualHost);
    }

    private WebApplicationFactory<Program> CreateFactory() => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseEnvironment(Environment);
        web.UseSetting("Hub:Id", HubId);
        web.UseSetting("Hub:DisplayName", "AI-hub Brainport");
        web.UseSetting("Hub:PublicUrl", "http://127.0.0.1:5999");
        web.UseSetting("Hub:HeartbeatInterval", "00:00:00.500");
        web.UseSetting("Hub:FaultInjection", "true");
        if (asApplicationRole)
        {
            web.UseSetting("ConnectionStrings:Hub", LocalInfrastructure.ApplicationConnectionString(Database));
            web.UseSetting("ConnectionStrings:HubOwner", LocalInfrastructure.ConnectionString(Database));
        }
        else
        {
            web.UseSetting("ConnectionStrings:Hub", LocalInfrastructure.ConnectionString(Database));
        }

        web.UseSetting("RabbitMq:Port", LocalInfrastructure.RabbitPort);
        web.UseSetting("RabbitMq:VirtualHost", VirtualHost);
        web.UseSetting("RabbitMq:Password", LocalInfrastructure.BrokerPassword);
        web.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Identity:SeedDemoAccounts", "true");
        web.UseSetting("Identity:DemoPassword", LocalInfrastructure.DemoPassword);
        web.UseSetting("Identity:DemoAuthenticatorKey", LocalInfrastructure.DemoAuthenticatorKey);
        foreach (var (key, value) in LocalMail.HubSettings(HubId))
        {
            web.UseSetting(key, value);
        }

        web.UseSetting($"Identity:Clients:{LocalInfrastructure.ServiceClientId}:Secret", LocalInfrastructure.ServiceClientSecret);
        web.UseSetting($"Identity:Clients:{LocalInfrastructure.ServiceClientId}:GrantTypes:0", "client_credentials");
        web.UseSetting($"Identity:Clients:{LocalInfrastructure.ServiceClientId}:Roles:0", "hub-staff");
        foreach (var (key, value) in settings)
        {
            web.UseSetting(key, value);
        }

        // Read by the hub's Serilog logger (ReadFrom.Services) besides its console.
        web.ConfigureTestServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Warnings));
        if (configureServices is not null)
        {
            web.ConfigureTestServices(configureServices);
        }
    });
}
