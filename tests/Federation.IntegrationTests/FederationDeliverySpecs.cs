using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts;
using Federation.Testing;
using MassTransit;

namespace Federation.IntegrationTests;

/// <summary>
/// The broker delivers a resource's versions again and out of order — as redeliveries and a relay that published
/// before a crash do — and the catalogue stays at the newest version, in sync with the hub.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class FederationDeliverySpecs(FederationFixture federation)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Duplicated_and_late_deliveries_of_older_versions_never_move_a_resource_back()
    {
        var hub = federation.Hubs["brainport"];
        var word = FederationClient.Unique("herhaald");
        var before = (await hub.InfoAsync()).GetProperty("lastSequence").GetInt64();
        var v2 = await hub.PublishNewAsync($"Lithografie {word} eerste");
        var v3 = await ChangeAsync(hub, v2.Id, $"Lithografie {word} tweede");
        var v4 = await ChangeAsync(hub, v2.Id, $"Lithografie {word} derde");
        await Catalogue().WaitForSearchAsync($"q={word}+derde", r => r.Total() == 1, "the newest version");
        var feedId = (await hub.InfoAsync()).GetProperty("feedId").GetGuid();

        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host("127.0.0.1", ushort.Parse(LocalInfrastructure.RabbitPort, CultureInfo.InvariantCulture), federation.VirtualHost, host =>
        {
            host.Username("federation");
            host.Password(LocalInfrastructure.BrokerPassword);
        }));
        await bus.StartAsync();
        try
        {
            await bus.Publish(new ResourceChanged("brainport", v3.Id, v3.Version, before + 2, v3.ModifiedAt, v3, feedId));
            await bus.Publish(new ResourcePublished("brainport", v2.Id, v2.Version, before + 1, v2.ModifiedAt, v2, feedId));
            await bus.Publish(new ResourceChanged("brainport", v4.Id, v4.Version, before + 3, v4.ModifiedAt, v4, feedId));
            await bus.Publish(new ResourcePublished("brainport", v2.Id, v2.Version, before + 1, v2.ModifiedAt, v2, feedId));
        }
        finally
        {
            await bus.StopAsync();
        }

        await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(federation.VirtualHost, "catalogue"), depth => depth == 0, what: "the catalogue queue to drain");
        var detail = await Catalogue().Http.GetFromJsonAsync<JsonElement>($"resources/{v2.Id}");
        Assert.Equal(4, detail.GetProperty("resource").GetProperty("version").GetInt32());
        Assert.Equal(0, (await Catalogue().SearchAsync($"q={word}+eerste")).Total());
        Assert.Equal(1, (await Catalogue().SearchAsync($"q={word}+derde")).Total());
        await Catalogue().WaitForHubInSyncAsync(hub, "brainport");
    }

    private ServiceProcess Catalogue() => federation.Catalogue;

    private static async Task<ResourceSnapshot> ChangeAsync(ServiceProcess hub, Guid id, string title)
    {
        var response = await hub.Staff(HttpMethod.Put, $"resources/{id}", FederationClient.Dataset(title));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ResourceSnapshot>(Json))!;
    }
}
