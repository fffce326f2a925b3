using System.Net.Sockets;
using Npgsql;

namespace Federation.Hub.Writes;

/// <summary>
/// What an exception thrown by COMMIT says about the change. An ERROR the server sent in answer to COMMIT (a
/// serialization failure, a deferred constraint) means it rolled the transaction back: a known failure. Only when the
/// answer itself was lost (the connection broke, timed out or was cancelled while COMMIT was under way, or the session
/// ended with a FATAL error instead of an answer) may the change be in the database or not.
/// </summary>
internal static class CommitFailure
{
    public static bool LeavesOutcomeUnknown(Exception exception) => exception switch
    {
        PostgresException refused => refused.InvariantSeverity is "FATAL" or "PANIC",
        NpgsqlException or IOException or SocketException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };
}
