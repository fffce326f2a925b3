using Federation.Clients.OAuth;
using Federation.Clients.Registration;
using Federation.Testing.Hosts;

namespace Federation.Clients.Tests;

/// <summary>Outside Development a peer is reached over https only: an http issuer is not even asked for its keys.</summary>
public sealed class PeerUrlRuleSpecs : SpecsOnAFresh<ScriptedHub>
{
    [Theory]
    [InlineData(false, false, true)]
    [InlineData(false, true, false)]
    [InlineData(true, false, false)]
    [InlineData(true, true, false)]
    public void Https_is_required_outside_development_unless_plain_http_is_allowed(bool isDevelopment, bool allowPlainHttp, bool requiresHttps)
    {
        var rule = PeerUrlRule.For(isDevelopment, allowPlainHttp);

        Assert.Equal(requiresHttps, rule.RequireHttps);
        Assert.True(rule.Allows(new Uri("https://hub.example/")));
        Assert.Equal(!requiresHttps, rule.Allows(new Uri("http://hub.example/")));
        Assert.False(rule.Allows(new Uri("ftp://hub.example/")));
    }

    [Fact]
    public async Task Discovery_refuses_an_http_issuer_without_reading_anything_from_it()
    {
        var discovery = new ProviderDiscovery(() => new HttpClient(), TimeProvider.System, PeerUrlRule.For(isDevelopment: false, allowPlainHttp: false));

        var refused = await Record.ExceptionAsync(() => discovery.DiscoverAsync(Host.BaseAddress, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("not https", Assert.IsType<OAuthDiscoveryException>(refused).Message, StringComparison.Ordinal);
        Assert.Equal(0, Host.Hits("GET", "/.well-known/openid-configuration"));
    }
}
