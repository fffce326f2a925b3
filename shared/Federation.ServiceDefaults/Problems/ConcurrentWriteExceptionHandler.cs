using Npgsql;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Federation.ServiceDefaults.Problems;

/// <summary>
/// Two writers saving the same unique thing at once (a username, an organisation's id or KvK number, a sign-in's link):
/// each checked beforehand and found it free, and the database let only one of them through. The other gets 409, not
/// a 500; its transaction rolled back, so nothing of it was written. Only the tables where people pick such values
/// count: a unique violation anywhere else (the audit chain, an outbox's message id) is a bug and stays a 500.
/// </summary>
internal sealed partial class ConcurrentWriteExceptionHandler(IProblemDetailsService problems, ILogger<ConcurrentWriteExceptionHandler> logger) : IExceptionHandler
{
    private static readonly HashSet<string> ChosenByPeople =
        ["hub_accounts", "hub_account_logins", "hub_account_roles", "hub_organisations", "hub_invitations", "hub_join_requests"];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (UniqueViolationOf(exception) is not { TableName: { } table } violation || !ChosenByPeople.Contains(table))
        {
            return false;
        }

        LogConcurrentWrite(logger, table, violation.ConstraintName ?? "", httpContext.Request.Path);
        return await problems.WriteProblemAsync(httpContext, StatusCodes.Status409Conflict, "The same change was made at the same time",
            "Nothing was written: someone else saved the same thing a moment ago. Reload and decide again.");
    }

    private static PostgresException? UniqueViolationOf(Exception? exception) => exception switch
    {
        null => null,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique => unique,
        _ => UniqueViolationOf(exception.InnerException),
    };

    [LoggerMessage(LogLevel.Warning, "Two writers saved the same unique value of {Table} ({Constraint}) at once while serving {Path}; the later got 409")]
    private static partial void LogConcurrentWrite(ILogger logger, string table, string constraint, string path);
}
