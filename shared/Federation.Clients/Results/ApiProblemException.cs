namespace Federation.Clients.Results;

/// <summary>A refusal where the caller asked for values, not for a result (a listing read page after page).</summary>
public sealed class ApiProblemException(ApiProblem problem)
    : Exception(problem.Reasons() is { Count: > 0 } reasons ? string.Join("; ", reasons) : $"HTTP {problem.Status}")
{
    public ApiProblem Problem { get; } = problem;
}
