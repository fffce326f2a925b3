using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>One real hub (Brainport) with the catalogue, as processes on the local PostgreSQL and RabbitMQ, for the command line to talk to.</summary>
public sealed class HubFixture : IAsyncLifetime
{
    private LocalFederation federation = null!;

    public ServiceProcess Hub => federation.Hubs["brainport"];

    public ServiceProcess Catalogue => federation.Catalogue;

    public LocalAuthority Authority => federation.Authority;

    public async ValueTask InitializeAsync()
    {
        federation = await LocalFederation.CreateAsync("cli", hubs: ["brainport"]);
        // The staff client's secret reaches the command line the way it does for people: from the environment.
        Environment.SetEnvironmentVariable("FEDERATION_CLIENT_SECRET", LocalInfrastructure.ServiceClientSecret);
    }

    public async ValueTask DisposeAsync() => await federation.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubFixture>
{
    public const string Name = "hub";
}
