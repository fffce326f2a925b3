using System.Security.Cryptography;
using Federation.Testing;
using Federation.Testing.Faults;
using Federation.Testing.Ledger;

namespace Federation.IntegrationTests;

/// <summary>
/// The catalogue scaled out: two processes on one database, consuming one queue, so the broker hands each some of
/// every hub's events. Under steady publishing at three hubs, one of them is killed after 15 s; nothing acknowledged is lost or
/// doubled, and every hub's record ends exactly at the hub's own sequence and digest — which a lost update of a hub
/// record by two replicas writing it at once would break.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class CatalogueReplicaSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] HubIds = ["brainport", "amsterdam", "zuid-holland"];
    private LocalFederation federation = null!;

    public async ValueTask InitializeAsync() => federation = await LocalFederation.CreateAsync(
        "replicas",
        // A gap must last 5 s to count: long enough for two replicas committing out of order under load on this
        // machine, short enough that a lost update (which never closes) shows up before the first replica is killed.
        catalogueSettings: new Dictionary<string, string> { ["Sync__GapGrace"] = "00:00:05", ["Sync__CheckInterval"] = "00:00:00.500" },
        hubSettings: new Dictionary<string, string> { ["Hub__HeartbeatInterval"] = "00:00:00.500" },
        hubs: HubIds);

    public async ValueTask DisposeAsync() => await federation.DisposeAsync();

    [Fact]
    public async Task Two_catalogues_share_the_work_and_lose_nothing_when_one_dies()
    {
        var second = await federation.StartCatalogueReplicaAsync();
        await Eventually.Until(() => LocalInfrastructure.ConsumerCountAsync(federation.VirtualHost, "catalogue"), consumers => consumers >= 2,
            TimeSpan.FromSeconds(30), "both catalogues consuming the queue");

        var ledger = new ChangeLedger();
        var word = "replica" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var load = new SteadyLoad(federation.Hubs, ledger, word, TimeSpan.FromSeconds(60));
        var resyncsBefore = await ResyncsRequestedAsync(second);
        load.Start();
        await Task.Delay(TimeSpan.FromSeconds(12));
        // While both run, no hub record loses an update: a lost one would leave a gap that only a resync repairs.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(resyncsBefore, await ResyncsRequestedAsync(second));
        // And both did the work: each catalogue's connection acknowledged messages.
        var acknowledged = await LocalInfrastructure.AcknowledgedByConnectionAsync(federation.VirtualHost, "Federation.Catalogue");
        Assert.True(acknowledged.Count == 2 && acknowledged.All(count => count > 0), $"acknowledged per catalogue: {string.Join(", ", acknowledged)}");
        await federation.Catalogue.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        await load.StopAsync();
        output.WriteLine($"{ledger.Acknowledgements} acknowledged changes at {HubIds.Length} hubs; the first catalogue was killed after 15 s; " +
            $"the two had acknowledged {string.Join(" and ", acknowledged)} messages by then");

        Assert.Empty(load.Errors);
        foreach (var hubId in HubIds)
        {
            await second.WaitForHubInSyncAsync(federation.Hubs[hubId], hubId, seconds: 60);
        }

        var atHubs = new List<(Guid Id, string Marker)>();
        foreach (var hub in federation.Hubs.Values)
        {
            atHubs.AddRange(await HubView.ReadRunAsync(hub, word));
        }

        var reconciliation = ledger.Reconcile(await CatalogueView.ReadRunAsync(second, word), atHubs);
        Assert.True(reconciliation.Holds, reconciliation.ToString());
        Assert.Equal(load.Resources, reconciliation.Resources);
    }

    private static async Task<Dictionary<string, long>> ResyncsRequestedAsync(ServiceProcess catalogue)
    {
        var counts = new Dictionary<string, long>();
        foreach (var hubId in HubIds)
        {
            var status = await catalogue.CatalogueClient().HubAsync(hubId, TestContext.Current.CancellationToken).EnsureSuccessAsync();
            counts[hubId] = status.ResyncsRequested;
        }

        return counts;
    }
}
