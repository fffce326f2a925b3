namespace Federation.Contracts.Hub;

/// <summary>Capacity as staff send it.</summary>
public sealed record ComputeCapacityInput(long? AcceleratorHours, string? Period);
