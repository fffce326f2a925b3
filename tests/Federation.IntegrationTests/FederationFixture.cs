using System.Globalization;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// All seven hubs and the catalogue as separate processes on real PostgreSQL and RabbitMQ, with databases and a
/// vhost of their own. Timings are shortened (heartbeat 0.5 s, gap grace 1 s) so repairs show within seconds.
/// </summary>
public sealed class FederationFixture : IAsyncLifetime
{
    public static readonly (string Id, string Name)[] HubIds =
    [
        ("zuid-holland", "AI-hub Zuid-Holland"), ("noord-nederland", "AI-hub Noord-Nederland"),
        ("oost-nederland", "AI-hub Oost Nederland"), ("brainport", "AI-hub Brainport"),
        ("midden-nederland", "AI-hub Midden-Nederland"), ("amsterdam", "AI-hub Amsterdam"), ("brightlands", "AI-hub Brightlands"),
    ];

    private readonly List<string> databases = [];
    private string virtualHost = "";

    public ServiceProcess Catalogue { get; private set; } = null!;

    public Dictionary<string, ServiceProcess> Hubs { get; } = [];

    public string CatalogueDatabase { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        virtualHost = await LocalInfrastructure.CreateVirtualHostAsync("fed");
        CatalogueDatabase = await CreateDatabaseAsync("fedcat");
        Catalogue = new ServiceProcess("catalogue", "Catalogue", "Federation.Catalogue.dll", FreePorts.Next(), new Dictionary<string, string>(Broker())
        {
            ["ConnectionStrings__Catalogue"] = LocalInfrastructure.ConnectionString(CatalogueDatabase),
            ["Sync__GapGrace"] = "00:00:01",
            ["Sync__CheckInterval"] = "00:00:00.200",
            ["Sync__ResyncTimeout"] = "00:00:05",
            ["Sync__HubSilentAfter"] = "00:00:03",
        });
        foreach (var (id, name) in HubIds)
        {
            var port = FreePorts.Next();
            Hubs[id] = new ServiceProcess($"hub-{id}", "Hub", "Federation.Hub.dll", port, new Dictionary<string, string>(Broker())
            {
                ["Hub__Id"] = id,
                ["Hub__DisplayName"] = name,
                ["Hub__PublicUrl"] = $"http://127.0.0.1:{port}",
                ["Hub__HeartbeatInterval"] = "00:00:00.500",
                ["Hub__FaultInjection"] = "true",
                ["ConnectionStrings__Hub"] = LocalInfrastructure.ConnectionString(await CreateDatabaseAsync("fedhub")),
                ["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            });
        }

        await Task.WhenAll(Hubs.Values.Select(h => h.StartAsync()).Append(Catalogue.StartAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Hubs.Values.Select(h => h.DisposeAsync().AsTask()).Append(Catalogue.DisposeAsync().AsTask()));
        foreach (var database in databases)
        {
            await LocalInfrastructure.DropDatabaseAsync(database);
        }

        await LocalInfrastructure.DeleteVirtualHostAsync(virtualHost);
    }

    /// <summary>Empties the catalogue's database, as if it were new.</summary>
    public async Task ResetCatalogueDatabaseAsync()
    {
        await LocalInfrastructure.DropDatabaseAsync(CatalogueDatabase);
        await using var connection = new Npgsql.NpgsqlConnection(LocalInfrastructure.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{CatalogueDatabase}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = await LocalInfrastructure.CreateDatabaseAsync(prefix);
        databases.Add(name);
        return name;
    }

    private Dictionary<string, string> Broker() => new()
    {
        ["RabbitMq__Port"] = LocalInfrastructure.RabbitPort,
        ["RabbitMq__VirtualHost"] = virtualHost,
        ["RabbitMq__Password"] = LocalInfrastructure.BrokerPassword,
    };
}

[CollectionDefinition(Name)]
public sealed class FederationCollection : ICollectionFixture<FederationFixture>
{
    public const string Name = "federation";
}
