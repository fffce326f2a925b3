namespace Federation.Testing.Faults;

/// <summary>
/// One run of one fault, reconciled. Converged: every change acknowledged before the fault ended is in the
/// catalogue. Full throughput: the first second after the fault in which staff got at least 90 % of the
/// acknowledgements per second they got before it. Both counted from the end of the fault.
/// </summary>
public sealed record FaultRunResult(
    FaultKind Fault,
    int Run,
    int Resources,
    long Acknowledged,
    int Lost,
    int Duplicates,
    int Regressions,
    double FaultSeconds,
    double? ConvergedAfterSeconds,
    double? FullThroughputAfterSeconds,
    double RateBefore,
    long Retries,
    IReadOnlyList<string> Errors,
    string Notes)
{
    public bool Holds => Lost == 0 && Duplicates == 0 && Regressions == 0 && Errors.Count == 0 && ConvergedAfterSeconds is not null;
}
