using Federation.Contracts;
using Federation.Contracts.Hub;
using Federation.Hub.Resources;
using Federation.Trust;

namespace Federation.Hub.Tests;

/// <summary>
/// A facility's compute offer: a complete one is kept as given (normalised), only a facility may publish one, and
/// every wrong value is refused by its field's path, so a form can show it beside the field.
/// </summary>
public sealed class ComputeOfferValidationSpecs
{
    private static readonly ComputeInput Complete = new(
        [
            new ComputePartitionInput("gpu-h100", "NVIDIA H100 SXM5 80GB", 4, 96, 768, "InfiniBand NDR"),
            new ComputePartitionInput("gpu-mi300x", "AMD Instinct MI300X", 8, 32, 2048, null),
        ],
        new ComputeCapacityInput(150_000, "Quarter"),
        "SLURM",
        ["containers", "notebooks"],
        "Groningen",
        new FacilityEnergyInput(1.1834, 100, true, "District heating", 0.2),
        ["start-up", "sme", "research"],
        [new ComputeAccessModeInput("fast-track", 2_000, 5, "Try it."), new ComputeAccessModeInput("call", 100_000, 40, null)],
        [new ComputePriceInput("start-up", 0m), new ComputePriceInput("sme", 0.499m)],
        ["onboarding", "helpdesk"]);

    private static ResourceInput Offer(ComputeInput? compute, SovereigntyInput? sovereignty = null) => new()
    {
        Kind = "compute", Title = "GPU fast track", Licence = "LicenseRef-terms-of-use", AccessPolicy = "federation", Publisher = "AI-fabriek Groningen",
        Compute = compute, Sovereignty = sovereignty ?? new SovereigntyInput("NL", ["NL"], "EU"),
    };

    [Fact]
    public void A_complete_offer_at_a_facility_is_kept_with_its_values_normalised()
    {
        var (content, errors) = ResourceValidator.Validate(Offer(Complete), MemberMetadata.FacilityKind);

        Assert.Empty(errors);
        Assert.Equal(ResourceKind.Compute, content!.Kind);
        var offer = content.Compute!;
        Assert.Equal(["gpu-h100", "gpu-mi300x"], offer.Partitions.Select(p => p.Name));
        Assert.Equal(384, offer.Partitions[0].Accelerators);
        Assert.Equal((150_000L, "quarter"), (offer.Capacity.AcceleratorHours, offer.Capacity.Period));
        Assert.Equal("slurm", offer.Scheduler);
        Assert.Equal(1.183, offer.Energy.Pue);
        Assert.Equal("District heating", offer.Energy.WasteHeatDestination);
        Assert.Equal(["fast-track", "call"], offer.AccessModes.Select(m => m.Mode));
        Assert.Equal(0.50m, offer.Prices![1].EuroPerAcceleratorHour);
        Assert.Equal("NL", content.Sovereignty!.StorageCountry);
    }

    [Fact]
    public void A_hub_cannot_offer_compute()
    {
        var (content, errors) = ResourceValidator.Validate(Offer(Complete));

        Assert.Null(content);
        Assert.Contains("facilities", Assert.Single(errors["kind"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_facility_may_still_publish_the_other_kinds()
    {
        var (content, errors) = ResourceValidator.Validate(new ResourceInput
        {
            Kind = "dataset", Title = "Job traces 2025", Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "AI-fabriek Groningen",
        }, MemberMetadata.FacilityKind);

        Assert.Empty(errors);
        Assert.Equal(ResourceKind.Dataset, content!.Kind);
    }

    public static TheoryData<string, ResourceInput> BadOffers => new()
    {
        { "compute", Offer(null) },
        { "sovereignty", Offer(Complete) with { Sovereignty = null } },
        { "compute.partitions", Offer(Complete with { Partitions = [] }) },
        { "compute.partitions", Offer(Complete with { Partitions = [Complete.Partitions![0], Complete.Partitions[0]! with { AcceleratorModel = "other" }] }) },
        { "compute.partitions[0]", Offer(Complete with { Partitions = [null] }) },
        { "compute.partitions[0].nodes", Offer(Complete with { Partitions = [Complete.Partitions![0]! with { Nodes = -4 }] }) },
        { "compute.partitions[0].acceleratorsPerNode", Offer(Complete with { Partitions = [Complete.Partitions![0]! with { AcceleratorsPerNode = 0 }] }) },
        { "compute.partitions[1].acceleratorModel", Offer(Complete with { Partitions = [Complete.Partitions![0], Complete.Partitions[1]! with { AcceleratorModel = " " }] }) },
        { "compute.partitions[0].memoryPerNodeGb", Offer(Complete with { Partitions = [Complete.Partitions![0]! with { MemoryPerNodeGb = null }] }) },
        { "compute.capacity", Offer(Complete with { Capacity = null }) },
        { "compute.capacity.acceleratorHours", Offer(Complete with { Capacity = new ComputeCapacityInput(0, "year") }) },
        { "compute.capacity.period", Offer(Complete with { Capacity = new ComputeCapacityInput(10, "fortnight") }) },
        { "compute.scheduler", Offer(Complete with { Scheduler = "cron" }) },
        { "compute.softwareEnvironments[1]", Offer(Complete with { SoftwareEnvironments = ["containers", "mainframe"] }) },
        { "compute.site", Offer(Complete with { Site = null }) },
        { "compute.energy", Offer(Complete with { Energy = null }) },
        { "compute.energy.pue", Offer(Complete with { Energy = Complete.Energy! with { Pue = 0.9 } }) },
        { "compute.energy.pue", Offer(Complete with { Energy = Complete.Energy! with { Pue = double.NaN } }) },
        { "compute.energy.renewablePercent", Offer(Complete with { Energy = Complete.Energy! with { RenewablePercent = 101 } }) },
        { "compute.energy.wasteHeatReused", Offer(Complete with { Energy = Complete.Energy! with { WasteHeatReused = null } }) },
        { "compute.energy.wasteHeatDestination", Offer(Complete with { Energy = Complete.Energy! with { WasteHeatDestination = null } }) },
        { "compute.energy.waterLitresPerKwh", Offer(Complete with { Energy = Complete.Energy! with { WaterLitresPerKwh = -0.1 } }) },
        { "compute.eligibility", Offer(Complete with { Eligibility = [] }) },
        { "compute.eligibility[0]", Offer(Complete with { Eligibility = ["everyone"] }) },
        { "compute.accessModes", Offer(Complete with { AccessModes = null }) },
        { "compute.accessModes", Offer(Complete with { AccessModes = [Complete.AccessModes![0], Complete.AccessModes[0]] }) },
        { "compute.accessModes[0].mode", Offer(Complete with { AccessModes = [new ComputeAccessModeInput("lottery", null, null, null)] }) },
        { "compute.accessModes[0].maxAcceleratorHours", Offer(Complete with { AccessModes = [new ComputeAccessModeInput("call", 200_000, null, null)] }) },
        { "compute.accessModes[0].decisionDays", Offer(Complete with { AccessModes = [new ComputeAccessModeInput("call", null, -1, null)] }) },
        { "compute.prices[0].eligibility", Offer(Complete with { Prices = [new ComputePriceInput("large-company", 2m)] }) },
        { "compute.prices[0].euroPerAcceleratorHour", Offer(Complete with { Prices = [new ComputePriceInput("sme", -1m)] }) },
        { "compute.prices", Offer(Complete with { Prices = [new ComputePriceInput("sme", 1m), new ComputePriceInput("sme", 2m)] }) },
        { "compute.support[0]", Offer(Complete with { Support = ["massage"] }) },
        { "compute", new ResourceInput { Kind = "dataset", Title = "Traces", Licence = "CC-BY-4.0", AccessPolicy = "open", Publisher = "X", Compute = Complete } },
    };

    [Theory]
    [MemberData(nameof(BadOffers))]
    public void A_wrong_value_is_refused_by_its_path(string field, ResourceInput input)
    {
        var (content, errors) = ResourceValidator.Validate(input, MemberMetadata.FacilityKind);

        Assert.Null(content);
        Assert.True(errors.ContainsKey(field), $"expected an error for {field}; got {string.Join(", ", errors.Keys)}");
    }
}
