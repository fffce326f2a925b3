using Npgsql;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Federation.ServiceDefaults.Problems;

/// <summary>
/// A database or broker that is restarting is a temporary condition, not a bug: answer 503 with Retry-After so
/// clients retry, and log it once as a warning. Nothing was written, because writes happen in one transaction, except
/// when the connection was lost during the COMMIT itself (<see cref="IUnknownWriteOutcome"/>): then the answer says the
/// change may have been made, so the client reads before it repeats (If-Match makes a blind repeat harmless anyway).
/// </summary>
internal sealed partial class DependencyUnavailableExceptionHandler(
    IProblemDetailsService problems, ILogger<DependencyUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is IUnknownWriteOutcome)
        {
            LogOutcomeUnknown(logger, exception.InnerException?.GetType().Name ?? exception.GetType().Name, httpContext.Request.Path);
            return await problems.WriteProblemAsync(httpContext, StatusCodes.Status503ServiceUnavailable,
                "A service this request needs is briefly unavailable.",
                "The change may or may not have been made. Read it, then try again in a few seconds if it is not there.", retryAfterSeconds: 2);
        }

        if (!IsTransient(exception))
        {
            return false;
        }

        LogUnavailable(logger, exception.GetType().Name, httpContext.Request.Path);
        return await problems.WriteProblemAsync(httpContext, StatusCodes.Status503ServiceUnavailable,
            "A service this request needs is briefly unavailable.", "Nothing was changed. Try again in a few seconds.", retryAfterSeconds: 2);
    }

    // Only what passes by itself: a database that is away or restarting (connection, resources, shutdown), a time-out.
    // Any other database error is a bug and must surface as one, not as "try again".
    private static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        // A regular expression out of time is the program's or the input's doing, never a dependency's.
        System.Text.RegularExpressions.RegexMatchTimeoutException => false,
        TimeoutException => true,
        _ when exception.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };

    [LoggerMessage(LogLevel.Warning, "Dependency unavailable ({ExceptionType}) while serving {Path}")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, string path);

    [LoggerMessage(LogLevel.Warning, "A commit did not answer ({ExceptionType}) while serving {Path}; answered 503, outcome unknown")]
    private static partial void LogOutcomeUnknown(ILogger logger, string exceptionType, string path);
}
