using System.Net.Http.Headers;
using System.Text;
using Federation.Clients.Hubs;
using Federation.Contracts.Hub;
using Federation.Testing;

namespace Federation.IntegrationTests;

/// <summary>
/// A dataset exported by the catalogue as DCAT-AP, imported at a hub and published, comes out of the catalogue as
/// the same graph: export → import → export loses and invents nothing but the new resource's id and its dates.
/// </summary>
public sealed class DcatApRoundTripSpecs(FederationFixture federation) : FederationSpecs(federation)
{
    [Theory]
    [InlineData("ttl", "text/turtle", "turtle")]
    [InlineData("jsonld", "application/ld+json", "jsonld")]
    public async Task A_dataset_exported_imported_and_exported_again_is_the_same_graph(string format, string mediaType, string syntax)
    {
        var hub = Hub("oost-nederland");
        var original = await hub.PublishAsync((await hub.CreateAsync(Described(FederationClient.Unique("rondgang")))).Id);
        var first = await ExportAsync(original.Id, format);

        using var document = new StringContent(first, Encoding.UTF8);
        document.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var imported = await hub.StaffClient().ImportAsync(document, new ImportDefaults(AccessPolicy: "open"), Cancellation).EnsureSuccessAsync();
        var copy = await hub.PublishAsync(imported.Resource.Id);
        var second = await ExportAsync(copy.Id, format);

        Assert.Equal(
            WithoutDates(await OutsideRdf.CanonicalAsync(first.Replace(original.Id.ToString(), copy.Id.ToString(), StringComparison.Ordinal), syntax)),
            WithoutDates(await OutsideRdf.CanonicalAsync(second, syntax)));
    }

    private static ResourceInput Described(string title) => FederationClient.Dataset(title, "Tellingen van \"fietsers\" per uur,\nop 40 punten.") with
    {
        Keywords = ["fiets", "verkeer", "telling"],
        Themes = ["TRAN", "REGI"],
        Publisher = "Provincie Voorbeeld",
        ContactPoint = "data@provincie.example",
        Language = "nl",
        Dataset = new DatasetInput(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), "Utrecht", "MONTHLY",
            [new DistributionInput("Tellingen (CSV)", "text/csv", null, 52_000, new string('c', 64), null, "https://data.provincie.example/files/fiets 2023.csv")],
            false, null, "Tellussen in het wegdek.", null, "2023.2"),
    };

    private async Task<string> ExportAsync(Guid id, string format)
    {
        var catalogue = Catalogue;
        await Eventually.Until(() => catalogue.CatalogueClient().GetResourceAsync(id, Cancellation), found => found.Succeeded,
            TimeSpan.FromSeconds(30), $"resource {id} to reach the catalogue");
        return await catalogue.Http.GetStringAsync($"resources/{id}/dcat-ap?format={format}", Cancellation);
    }

    // When each was published and last changed is the copy's own, not the original's.
    private static string WithoutDates(string canonical) => string.Join('\n', canonical.Split('\n')
        .Where(line => !line.Contains("<http://purl.org/dc/terms/issued>", StringComparison.Ordinal) && !line.Contains("<http://purl.org/dc/terms/modified>", StringComparison.Ordinal)));
}
