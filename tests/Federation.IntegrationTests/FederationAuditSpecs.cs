using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// Damage inside the catalogue's own database — a document or a search row gone without any event — is found by
/// the periodic audit and digest comparison, and repaired from the hub.
/// </summary>
public sealed class FederationAuditSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Fact]
    public async Task A_document_lost_inside_the_catalogue_is_resent_by_its_hub()
    {
        var hub = Hub("zuid-holland");
        var word = FederationClient.Unique("beschadigd");
        var resource = await hub.PublishNewAsync($"Dijkmetingen {word}");
        await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 1, "the resource");

        await Fixture.TamperWithCatalogueAsync("DELETE FROM mt_doc_catalogueentry WHERE id = $1", resource.Id);
        await Fixture.TamperWithCatalogueAsync("DELETE FROM catalogue_search WHERE id = $1", resource.Id);

        await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 1, "the resource to be resent", seconds: 45);
        await Catalogue.WaitForHubInSyncAsync(hub, "zuid-holland", seconds: 45);
    }

    [Fact]
    public async Task A_search_row_lost_inside_the_catalogue_is_projected_again()
    {
        var hub = Hub("amsterdam");
        var word = FederationClient.Unique("zoekrij");
        var resource = await hub.PublishNewAsync($"Fietstellingen {word}");
        await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 1, "the resource");

        await Fixture.TamperWithCatalogueAsync("DELETE FROM catalogue_search WHERE id = $1", resource.Id);

        await Catalogue.WaitForSearchAsync($"q={word}", r => r.Total == 1, "the search row to be projected again", seconds: 30);
    }
}
