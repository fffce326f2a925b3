using Federation.Clients.Registration;
using Federation.Hub.Identity.TrustList;
using Federation.ServiceDefaults.Membership;
using Federation.Testing;
using Federation.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Federation.Hub.Tests;

/// <summary>
/// The hubs a hub trusts are the authority's members of kind hub, as long as their statements hold: outside
/// Development none at plain http addresses, and none whose statement has expired, even when nothing newer could be read.
/// </summary>
public sealed class TrustListTransportSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Peers_at_plain_http_addresses_are_left_out_of_the_trust_list()
    {
        var trustList = TrustListOf(new SettableClock(Now),
            Member("secure", "https://secure.example/", "https://secure.example/"),
            Member("plain-issuer", "http://plain.example/", "https://plain.example/"),
            Member("plain-api", "https://api.example/", "http://api.example/"));

        Assert.Equal(["secure"], trustList.Hubs().Select(hub => hub.HubId));
        Assert.Null(trustList.FindByIssuer(new Uri("http://plain.example/")));
    }

    [Fact]
    public void A_hub_whose_statement_expired_is_no_longer_trusted()
    {
        var clock = new SettableClock(Now);
        var trustList = TrustListOf(clock, Member("secure", "https://secure.example/", "https://secure.example/", validFor: TimeSpan.FromMinutes(5)));
        var before = trustList.FindByHubId("secure");

        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.NotNull(before);
        Assert.Null(trustList.FindByHubId("secure"));
        Assert.Null(trustList.FindByIssuer(new Uri("https://secure.example/")));
    }

    [Fact]
    public void Members_that_are_not_hubs_are_not_trusted_as_hubs()
    {
        var trustList = TrustListOf(new SettableClock(Now), Member("gpu-cluster", "https://gpu.example/", "https://gpu.example/", kind: "compute"));

        Assert.Null(trustList.FindByHubId("gpu-cluster"));
    }

    private static FederationTrustList TrustListOf(TimeProvider clock, params TrustedMember[] members)
    {
        var directory = new FederationMembers(clock);
        directory.Replace(new MemberDirectory(members, [], clock.GetUtcNow()));
        var urls = PeerUrlRule.For(isDevelopment: false, allowPlainHttp: false);
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new FederationTrustList(directory, new IssuerKeys(http, clock, urls, NullLogger<IssuerKeys>.Instance), urls, NullLogger<FederationTrustList>.Instance);
    }

    private static TrustedMember Member(string id, string issuer, string api, string kind = MemberMetadata.HubKind, TimeSpan? validFor = null) =>
        new(new Uri(api), new MemberMetadata(id, id, kind, new Uri(issuer), new Uri(api)), [], Now + (validFor ?? TimeSpan.FromHours(1)), "statement");
}
