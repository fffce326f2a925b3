namespace Federation.Contracts.Compute;

/// <summary>
/// A facility's open accounting (GET /transparency at the facility): every running amount, when it was read, and the
/// dataset of the facility's that describes it in the catalogue (DCAT-AP).
/// </summary>
public sealed record FacilityAccounting(string FacilityId, DateTimeOffset ReadAt, IReadOnlyList<AccountingRow> Rows, Guid? DescribedBy = null);
