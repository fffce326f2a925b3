using Federation.Contracts;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// The broker delivers a resource's versions again and out of order — as redeliveries and a relay that published
/// before a crash do — and the catalogue stays at the newest version, in sync with the hub.
/// </summary>
public sealed class FederationDeliverySpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task Duplicated_and_late_deliveries_of_older_versions_never_move_a_resource_back()
    {
        var hub = Hub("brainport");
        var word = FederationClient.Unique("herhaald");
        var before = (await hub.InfoAsync()).LastSequence;
        var v2 = await hub.PublishNewAsync($"Lithografie {word} eerste");
        var v3 = await hub.ChangeAsync(v2.Id, FederationClient.Dataset($"Lithografie {word} tweede"));
        var v4 = await hub.ChangeAsync(v2.Id, FederationClient.Dataset($"Lithografie {word} derde"));
        await Catalogue.WaitForSearchAsync($"q={word}+derde", r => r.Total == 1, "the newest version");
        var feedId = (await hub.InfoAsync()).FeedId;

        // Redeliveries carry the hub's own signature, as the broker would deliver the original again.
        var key = Fixture.HubKeyFiles["brainport"];
        await using (var broker = await BrokerClient.ConnectAsync(Fixture.VirtualHost, "brainport", Fixture.BrokerAccount("brainport")))
        {
            foreach (var resent in new IResourceEvent[]
            {
                new ResourceChanged("brainport", v3.Id, v3.Version, before + 2, v3.ModifiedAt, v3, feedId),
                new ResourcePublished("brainport", v2.Id, v2.Version, before + 1, v2.ModifiedAt, v2, feedId),
                new ResourceChanged("brainport", v4.Id, v4.Version, before + 3, v4.ModifiedAt, v4, feedId),
                new ResourcePublished("brainport", v2.Id, v2.Version, before + 1, v2.ModifiedAt, v2, feedId),
            })
            {
                await broker.PublishAsync(resent, BrokerClient.Signature(resent, key));
            }
        }

        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Fixture.VirtualHost, "catalogue"), depth => depth == 0, what: "the catalogue queue to drain");
        var detail = await Catalogue.CatalogueClient().GetResourceAsync(v2.Id, TestContext.Current.CancellationToken).EnsureSuccessAsync();
        Assert.Equal(4, detail.Resource.Version);
        Assert.Equal(0, (await Catalogue.SearchAsync($"q={word}+eerste")).Total);
        Assert.Equal(1, (await Catalogue.SearchAsync($"q={word}+derde")).Total);
        await Catalogue.WaitForHubInSyncAsync(hub, "brainport");
    }
}
