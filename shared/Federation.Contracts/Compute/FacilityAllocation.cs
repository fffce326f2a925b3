namespace Federation.Contracts.Compute;

/// <summary>
/// One allocation and its use, as a facility's staff see it (GET /allocations at the facility): the application and
/// call it came from, the applicant's home hub, the scheduler account its jobs run under, the quota, and what is used.
/// </summary>
public sealed record FacilityAllocation(
    Guid AllocationId, Guid ApplicationId, Guid CallId, string HubId, string Account, string Partition, long Hours, decimal UsedHours, decimal EnergyKwh,
    long Jobs, string Starts, string Ends);
