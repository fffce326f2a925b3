using Federation.Hub.Identity.TrustList;
using Federation.ServiceDefaults.Membership;
using Federation.Testing;
using Federation.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Hub.Tests;

/// <summary>
/// Specs of a hub (Brainport) beside a peer hub whose keys and membership the spec controls (<see cref="FakePeerHub"/>):
/// the hub reads the authority's statements and the peer's keys from the fake, and each spec starts once the peer is trusted.
/// </summary>
public abstract class PeerHubSpecs : SpecsOnAFresh<HubHost>
{
    protected FakePeerHub Peer { get; } = new(new Uri("http://127.0.0.1:5999/"), "brainport");

    /// <summary>Settings of the spec's own beside the fake's addresses.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public override async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Peer.TrustSettings.Concat(Settings));
        Host = await HubHost.StartAsync(
            settings: settings,
            configureServices: services =>
            {
                services.AddHttpClient(IssuerKeys.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Peer);
                services.AddHttpClient(MembershipRefresher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Peer);
            });
        await Eventually.Until(() => Task.FromResult(Host.Services.GetRequiredService<FederationTrustList>().FindByHubId(FakePeerHub.PeerId)),
            found => found is not null, TimeSpan.FromSeconds(20), "the authority's statements to be read");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Peer.Dispose();
    }
}
