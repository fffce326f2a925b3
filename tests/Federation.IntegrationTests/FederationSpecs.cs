using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// What the specs on the whole federation share: its processes (seven hubs, the catalogue), started once for all of
/// them, and the hubs most stories are told with, by name.
/// </summary>
[Collection(FederationCollection.Name)]
public abstract class FederationSpecs(FederationFixture federation)
{
    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected FederationFixture Fixture => federation;

    protected ServiceProcess Catalogue => federation.Catalogue;

    protected ServiceProcess Noord => Hub("noord-nederland");

    protected ServiceProcess Brainport => Hub("brainport");

    protected ServiceProcess Amsterdam => Hub("amsterdam");

    protected ServiceProcess Hub(string hubId) => federation.Hubs[hubId];
}
