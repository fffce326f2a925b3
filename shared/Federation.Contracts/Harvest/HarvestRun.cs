namespace Federation.Contracts.Harvest;

/// <summary>
/// One run of a source: its state (queued, running, succeeded, failed, held — stopped before withdrawing more than
/// the source's limit, until staff confirm —, confirmed), what it did, and how far it is.
/// A dry run does everything but write, and counts what it would have done. <see cref="Withheld"/> lists, for a held
/// run, the identifiers at the source of the datasets it would withdraw (the first 500), for staff to look at first.
/// </summary>
public sealed record HarvestRun(
    Guid Id,
    Guid SourceId,
    string State,
    bool DryRun,
    string StartedBy,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    int PagesRead,
    int? TotalDatasets,
    int DatasetsSeen,
    int Created,
    int Updated,
    int Unchanged,
    int Withdrawn,
    int KeptLocalEdits,
    int Refused,
    int WouldWithdraw,
    IReadOnlyList<HarvestRefusal> Refusals,
    string? Error,
    int Attempt,
    IReadOnlyList<string>? Withheld = null);

/// <summary>A dataset of the source a run did not take, and why (its identifier at the source, its title if it had one).</summary>
public sealed record HarvestRefusal(string? SourceIdentifier, string? Title, string Reason);
