using Federation.Hub.Identity.TrustList;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Hub.Tests;

/// <summary>
/// Specs of a hub (Brainport) beside a peer hub whose keys and trust-list entry the spec controls (<see cref="FakePeerHub"/>):
/// the hub reads its trust list and the peer's keys from the fake, and each spec starts once the peer is trusted.
/// </summary>
public abstract class PeerHubSpecs : SpecsOnAFresh<HubHost>
{
    protected FakePeerHub Peer { get; } = new(new Uri("http://127.0.0.1:5999/"), "brainport");

    /// <summary>Settings of the spec's own beside the fake's addresses.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public override async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Federation:CatalogueUrl"] = FakePeerHub.CatalogueUrl.AbsoluteUri };
        Host = await HubHost.StartAsync(
            settings: settings,
            configureServices: services => services.AddHttpClient(IssuerKeys.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Peer));
        await Eventually.Until(() => Task.FromResult(Host.Services.GetRequiredService<FederationTrustList>().FindByHubId(FakePeerHub.PeerId)),
            found => found is not null, TimeSpan.FromSeconds(20), "the trust list to be read");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Peer.Dispose();
    }
}
