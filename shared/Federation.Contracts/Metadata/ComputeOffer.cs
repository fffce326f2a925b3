namespace Federation.Contracts.Metadata;

/// <summary>
/// What a compute facility offers: its partitions, how many accelerator-hours it gives out per period, how work is
/// run there, what the energy behind it costs the planet, who may use it, how (a small fast track to try things, calls
/// for larger allocations, paid use), at what price per accelerator-hour for whom, and what help comes with it. Where
/// it computes and under which law is the resource's <see cref="Sovereignty"/>; <see cref="Site"/> names the place.
/// </summary>
public sealed record ComputeOffer(
    IReadOnlyList<ComputePartition> Partitions,
    ComputeCapacity Capacity,
    string Scheduler,
    IReadOnlyList<string> SoftwareEnvironments,
    string Site,
    FacilityEnergy Energy,
    IReadOnlyList<string> Eligibility,
    IReadOnlyList<ComputeAccessMode> AccessModes,
    IReadOnlyList<ComputePrice>? Prices = null,
    IReadOnlyList<string>? Support = null);
