namespace Federation.Portal.Catalogue;

/// <summary>
/// What a page got from another service: the value, or why there is none, in words for the person reading the page.
/// A page shows the problem as a message; it never throws it at them.
/// </summary>
public sealed record Fetched<T>(T? Value, FetchProblem? Problem)
{
    public static Fetched<T> Of(T value) => new(value, null);

    public static Fetched<T> Failed(FetchProblem problem) => new(default, problem);
}

/// <summary>Why a fetch failed: the service could not be reached, found nothing, or refused what was asked and why.</summary>
public sealed record FetchProblem(FetchProblemKind Kind, IReadOnlyList<string> Details)
{
    public static readonly FetchProblem Unreachable = new(FetchProblemKind.Unreachable, []);

    public static readonly FetchProblem NotFound = new(FetchProblemKind.NotFound, []);
}

public enum FetchProblemKind
{
    Unreachable,
    NotFound,
    Refused,
}
