using Microsoft.AspNetCore.Http.HttpResults;

namespace Federation.Hub.Compute;

/// <summary>The answer when another member of the federation (a facility, the catalogue) cannot be asked now.</summary>
internal static class Unreachable
{
    public static ProblemHttpResult Problem(string who) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: $"{who} cannot be reached now",
        detail: $"{who} did not answer, so the application could not be checked against it. Nothing was changed; try again in a few minutes.");

    public static bool Is(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or System.Text.Json.JsonException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
