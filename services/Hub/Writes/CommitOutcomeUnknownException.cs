using Federation.ServiceDefaults.Problems;

namespace Federation.Hub.Writes;

/// <summary>
/// A COMMIT's answer was lost (the connection broke during it), so nobody knows whether the change is in the database. The client is told to try
/// again after reading (503 with Retry-After, see <see cref="IUnknownWriteOutcome"/>), and a grain that held the
/// change in memory reads the truth from the database before its next command.
/// </summary>
[GenerateSerializer]
public sealed class CommitOutcomeUnknownException : Exception, IUnknownWriteOutcome
{
    public CommitOutcomeUnknownException(Exception cause)
        : base($"The commit did not answer ({cause.GetType().Name}: {cause.Message}); the change may or may not have been made.", cause)
    {
    }

    public CommitOutcomeUnknownException()
    {
    }

    public CommitOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public CommitOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
