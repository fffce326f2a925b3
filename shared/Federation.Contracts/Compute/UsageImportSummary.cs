namespace Federation.Contracts.Compute;

/// <summary>
/// What an import of scheduler accounting did (or, in a dry run, would do): lines read, jobs found, jobs new and
/// already counted, the accelerator-hours and energy the new ones add, the allocations they touched, and the jobs passed
/// over because they had not ended (counted by a later import, with their final figures).
/// </summary>
public sealed record UsageImportSummary(
    bool DryRun, long Lines, long Jobs, long NewJobs, long AlreadyImported, decimal AcceleratorHours, decimal EnergyKwh, int Allocations, long Unfinished = 0);
