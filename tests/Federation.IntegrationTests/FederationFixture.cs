using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// The federation for the integration suite, with shortened timings (heartbeat 0.5 s, use reports 1 s, gap grace 1 s, a hub silent
/// for 3 s shown offline) so that repairs show within seconds.
/// </summary>
public sealed class FederationFixture : IAsyncLifetime
{
    public static (string Id, string Name)[] HubIds => LocalFederation.HubIds;

    private LocalFederation federation = null!;

    public ServiceProcess Catalogue => federation.Catalogue;

    public IReadOnlyDictionary<string, ServiceProcess> Hubs => federation.Hubs;

    public string VirtualHost => federation.VirtualHost;

    /// <summary>Each hub's federation key file: what a spec replaying a hub's message, or stealing its key, signs with.</summary>
    public IReadOnlyDictionary<string, string> HubKeyFiles => federation.HubKeyFiles;

    /// <summary>A hub's broker account, as a spec replaying what that hub sent needs it.</summary>
    public (string User, string Password) BrokerAccount(string hubId) => federation.BrokerAccount(hubId);

    /// <summary>The federation authority, whose operators a spec may play (suspending a hub, say).</summary>
    public LocalAuthority Authority => federation.Authority;

    public async ValueTask InitializeAsync() => federation = await LocalFederation.CreateAsync(
        "fed",
        catalogueSettings: new Dictionary<string, string>
        {
            ["Sync__GapGrace"] = "00:00:01",
            ["Sync__CheckInterval"] = "00:00:00.200",
            ["Sync__ResyncTimeout"] = "00:00:05",
            ["Sync__HubSilentAfter"] = "00:00:03",
            ["Sync__AuditInterval"] = "00:00:01",
        },
        hubSettings: new Dictionary<string, string>
        {
            ["Hub__HeartbeatInterval"] = "00:00:00.500",
            ["Hub__ActivityInterval"] = "00:00:01",
            ["Hub__FaultInjection"] = "true",
        });

    public async ValueTask DisposeAsync() => await federation.DisposeAsync();

    public Task ResetCatalogueDatabaseAsync() => federation.ResetCatalogueDatabaseAsync();

    public Task ResetHubDatabaseAsync(string hubId) => federation.ResetHubDatabaseAsync(hubId);

    /// <summary>Runs SQL straight against the catalogue's database, behind its back, to simulate damage.</summary>
    public async Task TamperWithCatalogueAsync(string sql, Guid resourceId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(LocalInfrastructure.ConnectionString(federation.CatalogueDatabase));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(resourceId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class FederationCollection : ICollectionFixture<FederationFixture>
{
    public const string Name = "federation";
}
