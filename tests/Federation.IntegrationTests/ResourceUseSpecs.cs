using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// Files handed out at a hub reach the catalogue as counts of people (its signed use report), on the resource and its
/// hits: one person downloading twice counts once, anonymous downloads once a day.
/// </summary>
public sealed class ResourceUseSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task Downloaders_counted_at_the_hub_show_in_the_catalogue()
    {
        var hub = Hub("brightlands");
        var title = FederationClient.Unique("downloads");
        var resource = await hub.PublishNewAsync(title);
        var staff = hub.StaffClient();
        var bytes = "a,b\n1,2\n"u8.ToArray();
        var artifact = await staff.UploadArtifactAsync(resource.Id, "data.csv", new MemoryStream(bytes), "text/csv", bytes.Length, Cancellation)
            .EnsureSuccessAsync();
        foreach (var downloader in new[] { staff, staff, hub.HubClient(), hub.HubClient() })
        {
            using var response = await downloader.OpenArtifactAsync(resource.Id, artifact.Id, Cancellation).EnsureSuccessAsync();
        }

        var shown = await Eventually.Until(() => Catalogue.CatalogueClient().GetResourceAsync(resource.Id, Cancellation).EnsureSuccessAsync(),
            r => r.Use.Downloads == 2, TimeSpan.FromSeconds(30), "the hub's count of downloads to reach the catalogue");
        Assert.Equal(0, shown.Use.AccessRequests);
        var hits = await Catalogue.SearchAsync($"q={title}");
        Assert.Equal(2, hits.Items.Single().Use.Downloads);
    }
}
