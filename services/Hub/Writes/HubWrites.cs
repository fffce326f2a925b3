using Federation.Hub.Audit;
using Federation.Hub.Feed;
using Federation.Hub.Mail;
using Federation.Hub.Notifications;
using Npgsql;

namespace Federation.Hub.Writes;

/// <summary>Where every command that changes the hub's database begins: <c>await using var work = await writes.BeginAsync(…)</c>.</summary>
public sealed class HubWrites(
    NpgsqlDataSource database, ICommitStep commit, AuditLog audit, Outbox outbox, FeedSignal feedSignal, OutboxSignal outboxSignal,
    MailOutbox mail, MailSignal mailSignal)
{
    public async Task<HubUnitOfWork> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new HubUnitOfWork(connection, transaction, commit, audit, outbox, feedSignal, outboxSignal, mail, mailSignal);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
