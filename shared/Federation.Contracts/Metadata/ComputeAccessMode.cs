namespace Federation.Contracts.Metadata;

/// <summary>
/// One way in: a <c>fast-track</c> for trying things (small, decided quickly), a <c>call</c> for larger allocations
/// decided on merit, or <c>commercial</c> use paid by the hour; with the most accelerator-hours one allocation of this
/// mode can have and how many working days a decision takes.
/// </summary>
public sealed record ComputeAccessMode(string Mode, long? MaxAcceleratorHours = null, int? DecisionDays = null, string? Description = null);
