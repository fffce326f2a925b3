namespace Federation.Hub.Writes;

/// <summary>The production commit: the transaction's COMMIT, nothing else.</summary>
public sealed class TransactionCommit : ICommitStep
{
    public Task CommitAsync(HubUnitOfWork work, CancellationToken cancellationToken) => work.Transaction.CommitAsync(cancellationToken);
}
