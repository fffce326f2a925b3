namespace Federation.Contracts.Hub;

/// <summary>Energy facts as staff send them.</summary>
public sealed record FacilityEnergyInput(double? Pue, int? RenewablePercent, bool? WasteHeatReused, string? WasteHeatDestination, double? WaterLitresPerKwh);
