using System.Net;
using System.Text;
using System.Text.Json;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// The whole federation as separate processes: seven hubs publish over RabbitMQ, the catalogue aggregates in Marten,
/// and whatever goes wrong in between is repaired by resync.
/// </summary>
public sealed class FederationSyncSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task A_resource_published_at_each_of_the_seven_hubs_is_found_by_one_catalogue_search()
    {
        var word = FederationClient.Unique("zevenhubs");
        foreach (var (id, _) in FederationFixture.HubIds)
        {
            await Hub(id).PublishNewAsync($"Federated {word} at {id}");
        }

        var result = await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 7, "seven results");

        var hubs = result.Facets["hub"].Select(f => f.Value).Order();
        Assert.Equal(FederationFixture.HubIds.Select(h => h.Id).Order(), hubs);
    }

    [Fact]
    public async Task An_update_is_found_in_its_new_version_and_the_old_text_is_not()
    {
        var hub = Hub("brainport");
        var before = FederationClient.Unique("oudewoord");
        var after = FederationClient.Unique("nieuwewoord");
        var resource = await hub.PublishNewAsync($"Sensor data {before}");
        await Catalogue.WaitForSearchAsync($"q={before}", r => r.Total == 1, "the first version");

        await hub.ChangeAsync(resource.Id, FederationClient.Dataset($"Sensor data {after}"));

        await Catalogue.WaitForSearchAsync($"q={after}", r => r.Total == 1, "the new version");
        Assert.Equal(0, (await Catalogue.SearchAsync($"q={before}")).Total);
        var detail = await Catalogue.CatalogueClient().GetResourceAsync(resource.Id, Cancellation).EnsureSuccessAsync();
        Assert.Equal(3, detail.Resource.Version);
    }

    [Fact]
    public async Task A_withdrawn_resource_is_gone_from_search()
    {
        var hub = Hub("amsterdam");
        var word = FederationClient.Unique("intrekking");
        var resource = await hub.PublishNewAsync($"Parkeerdata {word}");
        await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 1, "the resource");

        await hub.WithdrawAsync(resource.Id, "test");

        await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 0, "the resource to be gone");
        await Catalogue.WaitForHubInSyncAsync(hub, "amsterdam");
    }

    [Fact]
    public async Task A_lost_event_is_repaired_by_resync()
    {
        var hub = Hub("brightlands");
        var lost = FederationClient.Unique("verloren");
        var next = FederationClient.Unique("volgende");
        (await hub.Http.PostAsync("_faults/drop-next-publishes/1", null)).EnsureSuccessStatusCode();

        await hub.PublishNewAsync($"Patient flow {lost}");
        await hub.PublishNewAsync($"Patient flow {next}");

        await Catalogue.WaitForSearchAsync($"q={lost}", r => r.Total == 1, "the lost event to be repaired");
        var status = await Catalogue.WaitForHubInSyncAsync(hub, "brightlands");
        Assert.True(status.ResyncsRequested >= 1);
    }

    [Fact]
    public async Task Bad_input_is_refused_and_nothing_is_stored_or_published()
    {
        var hub = Hub("noord-nederland");
        var before = await hub.InfoAsync();

        var response = await hub.StaffClient().CreateResourceAsync(new ResourceInput { Kind = "windmill", Title = "x", Licence = "none" }, Cancellation);
        // Sent as it is (with its length), for the refusal's media type: a body over the hub's size limit.
        var tooLarge = await hub.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "resources")
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new ResourceInput { Kind = "dataset", Title = new string('x', 400_000) }, FederationJson.Options), Encoding.UTF8, "application/json"),
            Headers = { Authorization = await hub.StaffAuthorizationAsync() },
        }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        var after = await hub.InfoAsync();
        Assert.Equal(before.LastSequence, after.LastSequence);
        var list = await hub.HubClient().ListResourcesAsync(Cancellation, state: Federation.Contracts.ResourceState.Draft).EnsureSuccessAsync();
        Assert.DoesNotContain(list.Items, i => i.Title == "x");
    }
}
