using Federation.Contracts;
using Federation.Contracts.Metadata;

namespace Federation.Catalogue.Tests;

/// <summary>Compute offers as a facility's node publishes them, for the catalogue's specs.</summary>
internal static class ComputeOffers
{
    public static ComputeOffer H100FastTrack { get; } = new(
        [new ComputePartition("gpu-h100", "NVIDIA H100 SXM5 80GB", 4, 96, 768, "InfiniBand NDR 400 Gb/s")],
        new ComputeCapacity(150_000, "quarter"), "slurm", ["containers", "notebooks"], "Groningen (Zernike Campus)",
        new FacilityEnergy(1.18, 100, true, "Warmtenet Groningen", 0.2),
        ["start-up", "sme", "research"],
        [new ComputeAccessMode("fast-track", 2_000, 5, "For a first trial.")],
        [new ComputePrice("start-up", 0m), new ComputePrice("sme", 0m), new ComputePrice("research", 0m)],
        ["onboarding", "helpdesk"]);

    public static ComputeOffer InferenceOnKubernetes { get; } = new(
        [new ComputePartition("inference-l40s", "NVIDIA L40S 48GB", 8, 24, 512, null)],
        new ComputeCapacity(60_000, "month"), "kubernetes", ["containers"], "Groningen (Eemshaven)",
        new FacilityEnergy(1.25, 92, false, null, 0.4),
        ["research", "public-sector"],
        [new ComputeAccessMode("fast-track", 5_000, 3), new ComputeAccessMode("commercial")]);

    public static ResourceSnapshot Snapshot(string facility, string title, ComputeOffer offer, Guid? id = null) =>
        CatalogueHost.Resource(facility, title, id: id, kind: ResourceKind.Compute, licence: "LicenseRef-terms-of-use", access: AccessPolicy.Federation,
            summary: "GPU capacity of the AI factory.", description: "Apply through your own hub.") with
        {
            Compute = offer,
            Sovereignty = new Sovereignty("NL", ["NL"], "EU"),
        };
}
