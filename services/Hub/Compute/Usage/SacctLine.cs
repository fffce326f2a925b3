namespace Federation.Hub.Compute.Usage;

/// <summary>
/// One job of a scheduler's accounting as the facility imports it: its id, the account it ran under, how many
/// accelerators it held for how long, the energy the scheduler measured (joules; none when it measured none), and when it ended (UTC).
/// </summary>
public sealed record SacctLine(int LineNumber, string JobId, string Account, int Gpus, long ElapsedSeconds, long? EnergyJoules, DateTimeOffset End)
{
    // To a millionth: enough for a one-second job, and sums of millions of jobs stay within what a decimal holds.
    public decimal AcceleratorHours => Math.Round(Gpus * (decimal)ElapsedSeconds / 3600m, 6);

    public decimal? EnergyKwh => EnergyJoules is { } joules ? Math.Round(joules / 3_600_000m, 6) : null;
}
