using Federation.Contracts;
using Federation.Hub.Audit;
using Federation.Hub.Feed;
using Federation.Hub.Mail;
using Federation.Hub.Notifications;
using Federation.Hub.Resources;
using Npgsql;

namespace Federation.Hub.Writes;

/// <summary>
/// One command's write at this hub: its rows, its audit record, its feed entry, its messages to other hubs and its mail to people go
/// into one transaction and commit together. The relays are woken only after a commit that succeeded; a commit whose
/// answer was lost throws <see cref="CommitOutcomeUnknownException"/>, because the change may or may not be in the
/// database, and whoever holds it in memory must read it again (see <see cref="CommitFailure"/>). A commit the server
/// refused throws its own error: nothing was written. Disposing without commit rolls everything back.
/// </summary>
public sealed class HubUnitOfWork(
    NpgsqlConnection connection, NpgsqlTransaction transaction, ICommitStep commit, AuditLog audit, Outbox outbox, FeedSignal feedSignal,
    OutboxSignal outboxSignal, MailOutbox mail, MailSignal mailSignal) : IAsyncDisposable
{
    private bool wakeOutbox;
    private bool wakeMail;

    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>The feed entry this work appended, if any: the change the federation will hear of once it commits.</summary>
    public long? FeedSequence { get; private set; }

    public Task AuditAsync(AuditEntry entry, CancellationToken cancellationToken) => audit.AppendAsync(entry, Connection, Transaction, cancellationToken);

    /// <summary>Appends the change to the hub's feed; the feed relay publishes it after the commit.</summary>
    public async Task<long> AppendToFeedAsync(ResourceSnapshot resource, FeedChange change, string changedBy, CancellationToken cancellationToken)
    {
        FeedSequence = await FeedAppend.AppendAsync(resource, change, changedBy, Connection, Transaction, cancellationToken);
        return FeedSequence.Value;
    }

    /// <summary>
    /// Queues a message for one other member (a decision for a requester's home hub, news of a member's standing, an
    /// application for a facility, a facility's decision or usage report); the outbox relay sends it after the commit.
    /// </summary>
    public Task SendAsync(ISignedMessage message, CancellationToken cancellationToken) => SendAsync([message], cancellationToken);

    /// <summary>Queues many messages at once (in one statement), each for the one member it is addressed to.</summary>
    public async Task SendAsync(IReadOnlyCollection<ISignedMessage> messages, CancellationToken cancellationToken)
    {
        await outbox.EnqueueAsync(messages, Connection, Transaction, cancellationToken);
        wakeOutbox |= messages.Count > 0;
    }

    /// <summary>Queues mail to a person about this change; the mail relay sends it after the commit.</summary>
    public async Task MailAsync(OutgoingMail message, CancellationToken cancellationToken)
    {
        await mail.EnqueueAsync(message, Connection, Transaction, cancellationToken);
        wakeMail = true;
    }

    /// <summary>
    /// Whether mail that a stranger can set off may still go to <paramref name="recipient"/> this hour
    /// (<see cref="MailOutbox.MostUnaskedPerHour"/>); when not, the form changes nothing and answers as always.
    /// </summary>
    public async Task<bool> MayMailUnaskedAsync(string recipient, CancellationToken cancellationToken) =>
        !await mail.IsFloodedAsync(recipient, Connection, Transaction, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await commit.CommitAsync(this, cancellationToken);
        }
        catch (Exception exception) when (CommitFailure.LeavesOutcomeUnknown(exception))
        {
            // The COMMIT's answer did not arrive (a lost connection, a server shutting down, a cancellation): the server
            // may have committed. Only a read of the database can tell. A refusal the server did answer (a
            // serialization failure, say) is a known rollback and goes on as it is.
            throw new CommitOutcomeUnknownException(exception);
        }

        if (FeedSequence is not null)
        {
            feedSignal.Notify();
        }

        if (wakeOutbox)
        {
            outboxSignal.Notify();
        }

        if (wakeMail)
        {
            mailSignal.Notify();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
