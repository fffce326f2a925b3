namespace Federation.Contracts.Metadata;

/// <summary>How many accelerator-hours an offer gives out per <see cref="Period"/> (month, quarter or year).</summary>
public sealed record ComputeCapacity(long AcceleratorHours, string Period);
