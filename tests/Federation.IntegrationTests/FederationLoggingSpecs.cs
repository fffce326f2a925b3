using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>The merged logs of seven hubs stay readable: every event a hub writes carries its hub id.</summary>
public sealed class FederationLoggingSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task Every_log_event_of_a_hub_carries_its_hub_id()
    {
        var hub = Hub("midden-nederland");
        await hub.PublishNewAsync($"Logged {FederationClient.Unique("logboek")}");

        var events = (await hub.ReadLogAsync()).Where(line => line.StartsWith('[')).ToList();

        Assert.NotEmpty(events);
        Assert.All(events, line => Assert.Contains(" midden-nederland ", line, StringComparison.Ordinal));
        Assert.Contains(events, line => line.Contains("published at version 2", StringComparison.Ordinal));
    }
}
