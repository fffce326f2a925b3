namespace Federation.Contracts.Metadata;

/// <summary>
/// Where and with how much compute a model was trained: the facility and allocation it cites, the partition, and the
/// accelerator-hours and energy the allocation's jobs used, as the facility reported them to the citing hub (filled in
/// there from the awarded application, never typed by hand) and when that report came.
/// </summary>
public sealed record TrainingCompute(
    string FacilityId, Guid AllocationId, string Partition, decimal AcceleratorHours, decimal EnergyKwh, DateTimeOffset? ReportedAt);
