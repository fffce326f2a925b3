namespace Federation.Contracts.Hub;

/// <summary>A compute offer as facility staff send it; every field optional so the validator can name what is missing.</summary>
public sealed record ComputeInput(
    IReadOnlyList<ComputePartitionInput?>? Partitions,
    ComputeCapacityInput? Capacity,
    string? Scheduler,
    IReadOnlyList<string?>? SoftwareEnvironments,
    string? Site,
    FacilityEnergyInput? Energy,
    IReadOnlyList<string?>? Eligibility,
    IReadOnlyList<ComputeAccessModeInput?>? AccessModes,
    IReadOnlyList<ComputePriceInput?>? Prices,
    IReadOnlyList<string?>? Support);
