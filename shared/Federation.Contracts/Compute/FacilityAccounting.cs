namespace Federation.Contracts.Compute;

/// <summary>A facility's open accounting (GET /transparency at the facility): every running amount, and when it was read.</summary>
public sealed record FacilityAccounting(string FacilityId, DateTimeOffset ReadAt, IReadOnlyList<AccountingRow> Rows);
