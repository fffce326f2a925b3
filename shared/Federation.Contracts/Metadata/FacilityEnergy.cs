namespace Federation.Contracts.Metadata;

/// <summary>
/// The energy facts of a facility, side by side with its capacity: power usage effectiveness (total facility power
/// over IT power, 1.0 at best), the share of its power that is renewable, whether its waste heat is reused and where it
/// goes, and its water use as water usage effectiveness (litres per kWh of IT energy).
/// </summary>
public sealed record FacilityEnergy(
    double Pue,
    int RenewablePercent,
    bool WasteHeatReused,
    string? WasteHeatDestination = null,
    double? WaterLitresPerKwh = null);
