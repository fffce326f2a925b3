using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts;
using Federation.Testing;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>Events through real RabbitMQ into Marten on real PostgreSQL, then read back through the search API.</summary>
public sealed class CatalogueIngestSpecs : SpecsOnAFresh<CatalogueHost>
{
    [Fact]
    public async Task A_published_resource_becomes_searchable_and_its_detail_readable()
    {
        var hub = CatalogueHost.NewHubId();
        var resource = CatalogueHost.Resource(hub, "Trillingsmetingen freesmachines", keywords: ["predictive maintenance"]);

        await Host.PublishAsync(Snapshots.Event(resource, 1));

        var found = await Host.WaitForSearchAsync($"q=trillingsmetingen&hub={hub}", r => r.GetProperty("total").GetInt64() == 1, "the resource in search");
        Assert.Equal(["Trillingsmetingen freesmachines"], CatalogueHost.Titles(found));
        var detail = await Host.Client.GetFromJsonAsync<JsonElement>($"/resources/{resource.Id}");
        Assert.Equal(2, detail.GetProperty("resource").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Duplicated_and_reordered_deliveries_never_move_a_resource_back()
    {
        var hub = CatalogueHost.NewHubId();
        var id = Guid.NewGuid();
        var v2 = CatalogueHost.Resource(hub, "Windpark model alpha", 2, id: id);
        var v3 = CatalogueHost.Resource(hub, "Windpark model beta", 3, id: id);
        var v4 = CatalogueHost.Resource(hub, "Windpark model gamma", 4, id: id);

        await Host.PublishAsync(Snapshots.Event(v4, 3));
        await Host.PublishAsync(Snapshots.Event(v2, 1));
        await Host.PublishAsync(Snapshots.Event(v3, 2));
        await Host.PublishAsync(Snapshots.Event(v4, 3));
        await Host.PublishAsync(Snapshots.Event(v2, 1));

        var hubStatus = await Eventually.Until(
            () => Host.Client.GetFromJsonAsync<JsonElement>($"/hubs/{hub}"),
            h => h.GetProperty("lastSequenceApplied").GetInt64() == 3, what: "all three sequences applied");
        Assert.Equal(1, hubStatus.GetProperty("resourceCount").GetInt32());
        var detail = await Host.Client.GetFromJsonAsync<JsonElement>($"/resources/{id}");
        Assert.Equal(4, detail.GetProperty("resource").GetProperty("version").GetInt32());
        Assert.Equal(["Windpark model gamma"], CatalogueHost.Titles(await Host.SearchAsync($"q=windpark&hub={hub}")));
        Assert.Equal(0, (await Host.SearchAsync($"q=alpha&hub={hub}")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_withdrawn_resource_leaves_search_but_keeps_its_tombstone()
    {
        var hub = CatalogueHost.NewHubId();
        var id = Guid.NewGuid();
        await Host.PublishAsync(Snapshots.Event(CatalogueHost.Resource(hub, "Luchtkwaliteit sensoren", 2, id: id), 1));
        await Host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == 1, "the resource in search");

        await Host.PublishAsync(Snapshots.Event(CatalogueHost.Resource(hub, "Luchtkwaliteit sensoren", 3, ResourceState.Withdrawn, id: id), 2));

        await Host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == 0, "the resource to leave search");
        var detail = await Host.Client.GetFromJsonAsync<JsonElement>($"/resources/{id}");
        Assert.Equal("withdrawn", detail.GetProperty("resource").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_malformed_event_goes_to_the_error_queue_and_does_not_stall_the_others()
    {
        var hub = CatalogueHost.NewHubId();
        var good = CatalogueHost.Resource(hub, "Good resource after poison");
        var other = CatalogueHost.Resource(hub, "Poisoned");

        await Host.PublishAsync(new ResourcePublished(hub, Guid.NewGuid(), 2, 1, DateTimeOffset.UtcNow, other, Snapshots.FeedOf(hub)));
        await Host.PublishAsync(Snapshots.Event(other with { Title = null!, Keywords = null! }, 3));
        await Host.PublishAsync(Snapshots.Event(good, 2));

        await Host.WaitForSearchAsync($"hub={hub}", r => r.GetProperty("total").GetInt64() == 1, "the good resource");
        var errors = await Eventually.Until(() => LocalInfrastructure.QueueDepthAsync(Host.VirtualHost, "catalogue_error"), depth => depth == 2, what: "the poison messages in catalogue_error");
        Assert.Equal(2, errors);
        Assert.Equal(["Good resource after poison"], CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}")));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=-1", "page")]
    [InlineData("kind=robot", "kind")]
    [InlineData("accessPolicy=secret", "accessPolicy")]
    [InlineData("colour=blue", "colour")]
    [InlineData("q=%00", "q")]
    [InlineData("hub=a%01b", "hub")]
    public async Task Bad_search_parameters_are_refused_with_the_parameter_named(string query, string field)
    {
        var response = await Host.Client.GetAsync($"/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("'; DROP TABLE catalogue_search; --")]
    [InlineData("model & | ! ( ) :* <->")]
    [InlineData("\"unterminated phrase")]
    public async Task Query_syntax_characters_are_searched_for_not_executed(string text)
    {
        var response = await Host.Client.GetAsync($"/search?q={Uri.EscapeDataString(text)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
