using Npgsql;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Federation.ServiceDefaults.Problems;

/// <summary>
/// Two writers saving the same unique thing at once (an e-mail address, an id, a KvK number): each checked beforehand
/// and found it free, and the database let only one of them through. The other gets 409, not a 500; its transaction
/// rolled back, so nothing of it was written.
/// </summary>
internal sealed class ConcurrentWriteExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUniqueViolation(exception))
        {
            return false;
        }

        return await problems.WriteProblemAsync(httpContext, StatusCodes.Status409Conflict, "The same change was made at the same time",
            "Nothing was written: someone else saved the same thing a moment ago. Reload and decide again.");
    }

    private static bool IsUniqueViolation(Exception? exception) => exception switch
    {
        null => false,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => IsUniqueViolation(exception.InnerException),
    };
}
