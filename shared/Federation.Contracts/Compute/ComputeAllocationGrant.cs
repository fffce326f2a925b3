namespace Federation.Contracts.Compute;

/// <summary>
/// What a facility awarded: an allocation of so many accelerator-hours on one partition, from start to end, and the
/// scheduler account its jobs run under (their usage is counted against the allocation by it).
/// </summary>
public sealed record ComputeAllocationGrant(Guid AllocationId, long Hours, string Partition, DateOnly Start, DateOnly End, string Account);
