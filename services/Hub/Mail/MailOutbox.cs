using Dapper;
using Npgsql;

namespace Federation.Hub.Mail;

/// <summary>
/// Queues mail inside the transaction of the change it tells about, so that a person is told exactly of what
/// happened: a rolled-back change sends nothing, a committed one is sent even if the SMTP server is away right now.
/// </summary>
public sealed class MailOutbox(TimeProvider clock)
{
    public Task EnqueueAsync(OutgoingMail mail, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO hub_mail_outbox (recipient, subject, body, created_at, next_attempt_at) VALUES (@Recipient, @Subject, @Body, @Now, @Now)",
            new { mail.Recipient, mail.Subject, mail.Body, Now = now }, transaction, cancellationToken: cancellationToken));
    }
}
