namespace Federation.Contracts.Harvest;

/// <summary>
/// A registered source as the hub holds it. <see cref="Schedule"/> is an ISO 8601 duration between runs ("PT6H",
/// "P1D") or "manual"; <see cref="NextRunAt"/> is when the scheduler runs it next (after failures, later: backoff).
/// </summary>
public sealed record HarvestSource(
    Guid Id,
    string Name,
    string Url,
    string Schedule,
    string AccessPolicy,
    string? Licence,
    string Organisation,
    string Publisher,
    int WithdrawalLimitPercent,
    bool Enabled,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextRunAt,
    int ConsecutiveFailures,
    int Datasets,
    HarvestRun? LastRun);
