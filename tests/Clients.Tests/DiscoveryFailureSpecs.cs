using Federation.Testing;
using Federation.Clients.OAuth;
using Federation.Clients.Registration;
using Federation.Testing.Hosts;

namespace Federation.Clients.Tests;

/// <summary>
/// An issuer whose discovery fails is not asked again for <see cref="ProviderDiscovery.RefreshFloor"/>: the callers
/// meanwhile get the failure at once, instead of each waiting in turn for a read of its own to time out.
/// </summary>
public sealed class DiscoveryFailureSpecs : SpecsOnAFresh<ScriptedHub>
{
    private const string Configuration = "/.well-known/openid-configuration";

    [Fact]
    public async Task A_failed_read_answers_the_next_callers_at_once_and_is_tried_again_after_the_floor()
    {
        var clock = new SettableClock();
        var discovery = new ProviderDiscovery(() => new HttpClient(), clock, PeerUrlRule.AnyScheme);
        Host.Then("GET", Configuration, ScriptedHub.Status(503));

        var first = await Record.ExceptionAsync(() => discovery.DiscoverAsync(Host.BaseAddress, cancellationToken: TestContext.Current.CancellationToken));
        var meanwhile = await Record.ExceptionAsync(() => discovery.DiscoverAsync(Host.BaseAddress, cancellationToken: TestContext.Current.CancellationToken));

        Assert.IsType<OAuthDiscoveryException>(first);
        Assert.Contains("503", Assert.IsType<OAuthDiscoveryException>(meanwhile).Message, StringComparison.Ordinal);
        Assert.Equal(1, Host.Hits("GET", Configuration));

        clock.Advance(ProviderDiscovery.RefreshFloor + TimeSpan.FromSeconds(1));
        var issuer = Host.BaseAddress.AbsoluteUri;
        Host.Then("GET", Configuration, ScriptedHub.Json(200, $$"""
                {"issuer":"{{issuer}}","jwks_uri":"{{issuer}}jwks","authorization_endpoint":"{{issuer}}connect/authorize","token_endpoint":"{{issuer}}connect/token"}
                """))
            .Then("GET", "/jwks", ScriptedHub.Json(200, """{"keys":[]}"""));
        var provider = await discovery.DiscoverAsync(Host.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new Uri(Host.BaseAddress, "connect/token"), provider.TokenEndpoint);
        Assert.Equal(2, Host.Hits("GET", Configuration));
    }
}
