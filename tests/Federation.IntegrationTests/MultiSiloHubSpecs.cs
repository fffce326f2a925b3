using Federation.Testing;
using Federation.Testing.Ledger;

namespace Federation.IntegrationTests;

/// <summary>
/// One hub run as two silos of one Orleans cluster (membership in the hub's database). One silo is killed while
/// staff keep writing through both; its grains come back on the other with their state, and nothing acknowledged
/// is lost on the way to the catalogue.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class MultiSiloHubSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const string HubId = "brainport";
    private LocalFederation federation = null!;

    public async ValueTask InitializeAsync() => federation = await LocalFederation.CreateAsync(
        "silos",
        catalogueSettings: new Dictionary<string, string> { ["Sync__GapGrace"] = "00:00:01", ["Sync__CheckInterval"] = "00:00:00.200" },
        hubSettings: new Dictionary<string, string>
        {
            ["Hub__HeartbeatInterval"] = "00:00:00.500",
            // Declare a silo dead after three missed probes of a second each, instead of the default five seconds each.
            ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
            ["Orleans__Membership__NumMissedProbesLimit"] = "3",
        },
        hubs: [HubId]);

    public async ValueTask DisposeAsync() => await federation.DisposeAsync();

    [Fact]
    public async Task Killing_one_of_two_silos_under_load_loses_no_acknowledged_change()
    {
        var first = federation.Hubs[HubId];
        var second = await federation.StartSiloAsync(HubId);
        await Eventually.Until(() => first.InfoAsync(), info => info.ActiveSilos == 2,
            TimeSpan.FromSeconds(30), "both silos active in the hub's cluster");

        var word = FederationClient.Unique("tweesilo");
        var ledger = new ChangeLedger();
        var writer = new ResilientStaffWriter([first, second], ledger);
        var markers = Enumerable.Range(0, 24).Select(i => $"Sensordata {word} r{i}").ToList();
        var ids = new List<Guid>();
        foreach (var marker in markers)
        {
            ids.Add(await writer.PublishNewAsync(marker) ?? throw new InvalidOperationException(string.Join("\n", writer.Errors)));
        }

        using var stop = new CancellationTokenSource();
        var killedAt = DateTimeOffset.MaxValue;
        var load = ids.Select((id, i) => Task.Run(async () =>
        {
            for (var revision = 1; !stop.IsCancellationRequested; revision++)
            {
                await writer.UpdateAsync(id, markers[i], revision, stop.Token);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        killedAt = DateTimeOffset.UtcNow;
        await first.KillAsync();
        // Every resource, wherever its grain lived, is written again after the kill: the grains of the dead silo came
        // back on the survivor with their state (the If-Match versions go on from where they were).
        await Eventually.Until(() => Task.FromResult(ids.Count(id => ledger.Latest[id].At > killedAt.AddSeconds(1))),
            count => count == ids.Count, TimeSpan.FromSeconds(90), "every resource written again after the kill");
        var recovered = DateTimeOffset.UtcNow - killedAt;
        await stop.CancelAsync();
        await Task.WhenAll(load);
        output.WriteLine($"{ledger.Acknowledgements} acknowledged changes, {ledger.Retries} retries " +
            $"({string.Join(", ", ledger.RetryReasons.Select(r => $"{r.Key}: {r.Value}"))}); every resource written again {recovered.TotalSeconds:0.0} s after the kill");

        Assert.Empty(writer.Errors);
        var info = await second.InfoAsync();
        Assert.Equal(1, info.ActiveSilos);
        foreach (var id in ids)
        {
            var atHub = await second.StaffClient().GetResourceAsync(id, TestContext.Current.CancellationToken).EnsureSuccessAsync();
            Assert.True(atHub.Version >= ledger.Latest[id].Version, $"{id} went back at the hub");
        }

        await federation.Catalogue.WaitForHubInSyncAsync(second, HubId, seconds: 60);
        var reconciliation = ledger.Reconcile(await CatalogueView.ReadRunAsync(federation.Catalogue, word), await HubView.ReadRunAsync(second, word));
        Assert.True(reconciliation.Holds, reconciliation.ToString());
        Assert.Equal(ids.Count, reconciliation.Resources);
    }
}
