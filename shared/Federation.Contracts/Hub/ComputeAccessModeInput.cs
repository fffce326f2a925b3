namespace Federation.Contracts.Hub;

/// <summary>An access mode as staff send it.</summary>
public sealed record ComputeAccessModeInput(string? Mode, long? MaxAcceleratorHours, int? DecisionDays, string? Description);
