using Federation.Contracts.Serialization;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>Processes die and come back; the catalogue ends up exactly where the hubs are.</summary>
public sealed class FederationFailureSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task While_the_catalogue_is_down_hubs_keep_publishing_and_it_converges_after_restart()
    {
        var word = FederationClient.Unique("tijdensuitval");
        var zh = Hub("zuid-holland");
        var changed = await zh.PublishNewAsync($"Havenlogistiek {word} v1");
        await Catalogue.KillAsync();

        foreach (var id in new[] { "zuid-holland", "oost-nederland", "midden-nederland" })
        {
            await Hub(id).PublishNewAsync($"Published while away {word} {id}");
        }

        await zh.ChangeAsync(changed.Id, FederationClient.Dataset($"Havenlogistiek {word} v2"));
        await Catalogue.StartAsync();

        await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 4, "everything published while the catalogue was down");
        foreach (var id in new[] { "zuid-holland", "oost-nederland", "midden-nederland" })
        {
            await Catalogue.WaitForHubInSyncAsync(Hub(id), id);
        }

        Assert.Contains($"Havenlogistiek {word} v2", (await Catalogue.SearchAsync($"q={word}")).Titles());
    }

    [Fact]
    public async Task A_catalogue_rebuilt_from_an_empty_database_by_resync_alone_matches_every_hub()
    {
        var word = FederationClient.Unique("herbouw");
        var withdrawn = await Hub("brainport").PublishNewAsync($"Withdrawn before rebuild {word}");
        await Hub("brainport").WithdrawAsync(withdrawn.Id);
        await Hub("amsterdam").PublishNewAsync($"Kept through rebuild {word}");

        await Catalogue.KillAsync();
        await Fixture.ResetCatalogueDatabaseAsync();
        await Catalogue.StartAsync();

        var expectedPublished = 0L;
        foreach (var (id, _) in FederationFixture.HubIds)
        {
            var status = await Catalogue.WaitForHubInSyncAsync(Hub(id), id, seconds: 60);
            var atHub = await Hub(id).HubClient().ListResourcesAsync(Cancellation, pageSize: 1).EnsureSuccessAsync();
            Assert.Equal(atHub.Total, status.ResourceCount);
            expectedPublished += atHub.Total;
        }

        Assert.Equal(expectedPublished, (await Catalogue.SearchAsync("pageSize=1")).Total);
        Assert.Equal(["Kept through rebuild " + word], (await Catalogue.SearchAsync($"q={word}")).Titles());
        var tombstone = await Catalogue.CatalogueClient().GetResourceAsync(withdrawn.Id, Cancellation).EnsureSuccessAsync();
        Assert.Equal("withdrawn", tombstone.Resource.State.ToWireName());
    }

    [Fact]
    public async Task A_hub_whose_database_was_reset_is_followed_on_its_new_feed_and_its_old_resources_leave()
    {
        var hub = Hub("noord-nederland");
        var before = FederationClient.Unique("voorreset");
        await hub.PublishNewAsync($"Waterstof {before}");
        await Catalogue.WaitForSearchAsync($"q={before}", r => r.Total == 1, "the resource before the reset");

        await hub.KillAsync();
        await Fixture.ResetHubDatabaseAsync("noord-nederland");
        await hub.StartAsync();
        var after = FederationClient.Unique("nareset");
        await hub.PublishNewAsync($"Waterstof {after}");

        await Catalogue.WaitForSearchAsync($"q={after}", r => r.Total == 1, "the resource of the new feed");
        await Catalogue.WaitForSearchAsync($"q={before}", r => r.Total == 0, "the old feed's resource to leave");
        var status = await Catalogue.WaitForHubInSyncAsync(hub, "noord-nederland");
        Assert.Equal(1, status.ResourceCount);
    }

    [Fact]
    public async Task A_hub_restart_keeps_its_resources_and_its_sequence()
    {
        var hub = Hub("oost-nederland");
        var resource = await hub.PublishNewAsync($"Robotica {FederationClient.Unique("herstart")}");
        var before = await hub.InfoAsync();

        await hub.KillAsync();
        await Eventually.Until(() => Catalogue.CatalogueClient().HubAsync("oost-nederland", Cancellation).EnsureSuccessAsync(),
            s => s.Status == "offline", TimeSpan.FromSeconds(20), "the hub to be shown offline");
        await hub.StartAsync();

        var kept = await hub.HubClient().GetResourceAsync(resource.Id, Cancellation).EnsureSuccessAsync();
        Assert.Equal(2, kept.Version);
        Assert.Equal("published", kept.State.ToWireName());
        var word = FederationClient.Unique("nadeherstart");
        await hub.PublishNewAsync($"After restart {word}");
        var after = await hub.InfoAsync();
        Assert.Equal(before.LastSequence + 1, after.LastSequence);
        await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 1, "the post-restart resource");
        await Catalogue.WaitForHubInSyncAsync(hub, "oost-nederland");
    }
}
