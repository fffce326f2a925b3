namespace Federation.Contracts.Compute;

/// <summary>What facility staff award: accelerator-hours on one partition of the offer, from start to end.</summary>
public sealed record AwardInput(long? Hours, string? Partition, DateOnly? Start, DateOnly? End);
