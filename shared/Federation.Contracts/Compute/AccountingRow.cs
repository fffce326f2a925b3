namespace Federation.Contracts.Compute;

/// <summary>
/// One running amount of a facility's open accounting: in a month (yyyy-MM), under a dimension's value (all/all,
/// hub, province, organisationType, sector, accessMode, organisation with consent), one measure (offeredHours,
/// applications, awardedHours, decisions, decisionDays (from arrival at the facility), usedHours, energyKwh (IT energy as the
/// scheduler measured it, before PUE), energyAtHeatReuseKwh (that energy where waste heat is reused)).
/// </summary>
public sealed record AccountingRow(string Month, string Dimension, string Value, string Measure, decimal Amount);
