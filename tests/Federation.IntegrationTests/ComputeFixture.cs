using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// Brainport and the AI factory with their demo data and accounts, the catalogue and the authority: the factory's
/// compute offers and Brainport's datasets are in the catalogue before any spec runs.
/// </summary>
public sealed class ComputeFixture : IAsyncLifetime
{
    public LocalFederation Federation { get; private set; } = null!;

    public ServiceProcess Brainport => Federation.Hubs["brainport"];

    public ServiceProcess Factory => Federation.Hubs[LocalFederation.Facility.Id];

    public async ValueTask InitializeAsync()
    {
        Federation = await LocalFederation.CreateAsync("compute", hubs: ["brainport"], withFacility: true, hubSettings: new Dictionary<string, string>
        {
            ["Hub__SeedDemoData"] = "true",
            ["Hub__HeartbeatInterval"] = "00:00:01",
        });
        await Eventually.Until(() => Federation.Catalogue.CatalogueClient().HubsAsync(CancellationToken.None).EnsureSuccessAsync(),
            hubs => hubs.Count == 2 && hubs.All(h => h.InSync && h.ResourceCount > 0), TimeSpan.FromSeconds(120), "both members' demo data in the catalogue");
    }

    public async ValueTask DisposeAsync() => await Federation.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ComputeCollection : ICollectionFixture<ComputeFixture>
{
    public const string Name = "compute";
}
