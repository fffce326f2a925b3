using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Contracts.Serialization;
using Federation.Testing.Hosts;

namespace Federation.Hub.Tests;

/// <summary>
/// Compute offers over HTTP: a facility's staff publish one and it goes out on the feed whole; a hub refuses one,
/// and a wrong field is answered with problem details naming it, with nothing stored.
/// </summary>
public sealed class ComputeOfferApiSpecs : SpecsOnAFresh<HubHost>
{
    private static readonly ResourceInput Offer = new()
    {
        Kind = "compute", Title = "GPU fast track", Summary = "H100 hours for a first trial.", Licence = "LicenseRef-terms-of-use",
        AccessPolicy = "federation", Publisher = "AI-fabriek Groningen",
        Sovereignty = new SovereigntyInput("NL", ["NL"], "EU"),
        Compute = new ComputeInput(
            [new ComputePartitionInput("gpu-h100", "NVIDIA H100 SXM5 80GB", 4, 96, 768, "InfiniBand NDR")],
            new ComputeCapacityInput(150_000, "quarter"), "slurm", ["containers"], "Groningen",
            new FacilityEnergyInput(1.18, 100, true, "Warmtenet Groningen", 0.2), ["start-up", "research"],
            [new ComputeAccessModeInput("fast-track", 2_000, 5, null)], [new ComputePriceInput("start-up", 0m)], ["onboarding"]),
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_facility_publishes_a_compute_offer_and_its_feed_carries_it_whole()
    {
        await using var facility = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["Hub:Kind"] = "facility" });
        using var client = await facility.CreateClientAsync();

        var info = await client.GetFromJsonAsync<JsonElement>("/", Cancellation);
        Assert.Equal("facility", info.GetProperty("kind").GetString());
        var created = await client.PostAsJsonAsync("/resources", Offer, FederationJson.Options, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadResourceAsync()).Id;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/resources/{id}/publish", null, Cancellation)).StatusCode);

        var stored = await (await client.GetAsync($"/resources/{id}", Cancellation)).ReadResourceAsync();
        Assert.Equal((ResourceKind.Compute, ResourceState.Published), (stored.Kind, stored.State));
        Assert.Equal("NVIDIA H100 SXM5 80GB", stored.Compute!.Partitions.Single().AcceleratorModel);
        Assert.Equal(1.18, stored.Compute.Energy.Pue);
        // The offer's one feed entry (its publication) holds its partitions, as the catalogue will receive them. (The
        // facility's feed also carries the dataset that describes its open accounting, made at start.)
        Assert.Equal(1, await facility.CountAsync("hub_feed WHERE snapshot->>'kind' = 'compute'"));
        Assert.Equal(1, await facility.CountAsync("hub_feed WHERE snapshot->'compute'->'partitions'->0->>'acceleratorModel' = 'NVIDIA H100 SXM5 80GB'"));
    }

    [Fact]
    public async Task A_hub_refuses_a_compute_offer_naming_the_kind_and_stores_nothing()
    {
        using var client = await Host.CreateClientAsync();

        var response = await client.PostAsJsonAsync("/resources", Offer, FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal(["kind"], errors.EnumerateObject().Select(error => error.Name));
        Assert.Equal(0, await Host.CountAsync("hub_resources"));
    }

    [Fact]
    public async Task A_facility_refuses_an_impossible_offer_naming_each_field()
    {
        await using var facility = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["Hub:Kind"] = "facility" });
        using var client = await facility.CreateClientAsync();
        var impossible = Offer with
        {
            Compute = Offer.Compute! with
            {
                Energy = Offer.Compute.Energy! with { Pue = 0.8 },
                Partitions = [Offer.Compute.Partitions![0]! with { Nodes = -1 }],
            },
        };

        var response = await client.PostAsJsonAsync("/resources", impossible, FederationJson.Options, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("errors");
        Assert.Equal(["compute.energy.pue", "compute.partitions[0].nodes"], errors.EnumerateObject().Select(error => error.Name).Order());
        Assert.Equal(0, await facility.CountAsync("hub_resources WHERE kind = 'compute'"));
    }
}
