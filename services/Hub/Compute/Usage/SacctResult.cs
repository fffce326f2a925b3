namespace Federation.Hub.Compute.Usage;

/// <summary>
/// What one line of scheduler accounting is: a job to count (<see cref="Line"/>), a line to pass over (a job step,
/// or a job that has not ended, <see cref="Unfinished"/>), or wrong, in the named <see cref="Field"/>, for <see cref="Problem"/>.
/// </summary>
public sealed record SacctResult(SacctLine? Line, string? Field, string? Problem, bool Unfinished)
{
    public static readonly SacctResult Step = new(null, null, null, Unfinished: false);

    public static readonly SacctResult Running = new(null, null, null, Unfinished: true);

    public static SacctResult Wrong(string field, string problem) => new(null, field, problem, Unfinished: false);
}
