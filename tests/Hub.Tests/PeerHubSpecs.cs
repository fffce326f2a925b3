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

    /// <summary>Whether the authority lists the peer when the hub starts; when not, the spec starts once the hub has read it.</summary>
    protected virtual bool PeerAdmittedAtStart => true;

    public override async ValueTask InitializeAsync()
    {
        Peer.SetPeerTrusted(PeerAdmittedAtStart);
        var settings = new Dictionary<string, string?>(Peer.TrustSettings.Concat(Settings));
        Host = await HubHost.StartAsync(
            settings: settings,
            configureServices: services =>
            {
                services.AddHttpClient(IssuerKeys.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Peer);
                services.AddHttpClient(MembershipRefresher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Peer);
            });
        var members = Host.Services.GetRequiredService<FederationMembers>();
        await Eventually.Until(() => Task.FromResult(members.IsLoaded && (members.Find(FakePeerHub.PeerId) is not null) == PeerAdmittedAtStart),
            ready => ready, TimeSpan.FromSeconds(20), "the authority's statements to be read");
    }

    /// <summary>Asks the hub under test to exchange <paramref name="subjectToken"/> for a guest token.</summary>
    protected async Task<HttpResponseMessage> ExchangeAsync(string subjectToken)
    {
        using var client = Host.CreateClient();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(HubSignIn.ExchangeForm(subjectToken)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Peer.Dispose();
    }
}
