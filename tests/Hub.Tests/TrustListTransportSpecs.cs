using Federation.Clients.Registration;
using Federation.Hub.Identity.TrustList;
using Microsoft.Extensions.Logging.Abstractions;

namespace Federation.Hub.Tests;

/// <summary>A hub outside Development trusts no peer whose issuer or API is at a plain http address.</summary>
public sealed class TrustListTransportSpecs
{
    [Fact]
    public void Peers_at_plain_http_addresses_are_left_out_of_the_trust_list()
    {
        var trustList = new FederationTrustList(PeerUrlRule.For(isDevelopment: false, allowPlainHttp: false), NullLogger<FederationTrustList>.Instance);

        trustList.Replace(new FederationTrustList.Snapshot("v1",
        [
            new TrustedHub("secure", new Uri("https://secure.example/"), new Uri("https://secure.example/")),
            new TrustedHub("plain-issuer", new Uri("http://plain.example/"), new Uri("https://plain.example/")),
            new TrustedHub("plain-api", new Uri("https://api.example/"), new Uri("http://api.example/")),
        ], DateTimeOffset.UtcNow));

        Assert.Equal(["secure"], trustList.Current.Hubs.Select(hub => hub.HubId));
        Assert.Null(trustList.FindByIssuer(new Uri("http://plain.example/")));
    }
}
