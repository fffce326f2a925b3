using Federation.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace Federation.Hub.Hosting;

/// <summary>
/// A silo of this hub died while it held the grain a request needed. Until the others declare it dead (seconds) the
/// call is refused; after that the grain comes back on a live silo with its state from the database. So the client
/// gets 503 with Retry-After and tries again. A write may have been committed just before the silo died, which is why
/// the answer tells the client to read before it repeats a change (If-Match makes a blind repeat harmless anyway).
/// </summary>
internal sealed partial class SiloUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<SiloUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (SiloUnavailableException or OrleansMessageRejectionException))
        {
            return false;
        }

        LogSiloUnavailable(logger, exception.GetType().Name, httpContext.Request.Path);
        return await problems.WriteProblemAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "Part of this hub is restarting.",
            "Try again in a moment. If you were changing something, read it first: the change may already have been made.", retryAfterSeconds: 1);
    }

    [LoggerMessage(LogLevel.Warning, "A silo of this hub was unavailable ({ExceptionType}) while serving {Path}; answered 503")]
    private static partial void LogSiloUnavailable(ILogger logger, string exceptionType, string path);
}
