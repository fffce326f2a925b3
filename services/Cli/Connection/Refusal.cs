using Federation.Clients.Results;

namespace Federation.Cli.Connection;

/// <summary>What the command line says when a hub refused something: each field with its reasons, or the problem's detail.</summary>
public static class Refusal
{
    public static IReadOnlyList<string> ReasonsOf(ApiProblem? problem) =>
        problem is null ? [] : problem.Reasons() is { Count: > 0 } reasons ? reasons : [$"HTTP {problem.Status}"];

    public static string Of(ApiProblem? problem) => string.Join("; ", ReasonsOf(problem));
}
