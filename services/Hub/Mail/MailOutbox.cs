using Dapper;
using Npgsql;

namespace Federation.Hub.Mail;

/// <summary>
/// Queues mail inside the transaction of the change it tells about, so that a person is told exactly of what
/// happened: a rolled-back change sends nothing, a committed one is sent even if the SMTP server is away right now.
/// </summary>
public sealed class MailOutbox(TimeProvider clock)
{
    /// <summary>
    /// How many messages to one address the forms anyone can fill in (a forgotten password, a request to join) may set
    /// off in an hour. Past it they set off nothing more, whatever the number of machines they are sent from: a person's
    /// mailbox is not the hub's to flood.
    /// </summary>
    public const int MostUnaskedPerHour = 5;

    /// <summary>Whether <paramref name="recipient"/> got <see cref="MostUnaskedPerHour"/> or more messages from this hub in the last hour.</summary>
    public async Task<bool> IsFloodedAsync(string recipient, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Requests for one address take turns (to the commit), so that five at once cannot each see four.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('hub-mail:' || lower(@recipient)))", new { recipient }, transaction, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM hub_mail_outbox WHERE lower(recipient) = lower(@recipient) AND created_at > @since",
            new { recipient, since = clock.GetUtcNow().AddHours(-1) }, transaction, cancellationToken: cancellationToken)) >= MostUnaskedPerHour;
    }

    public Task EnqueueAsync(OutgoingMail mail, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO hub_mail_outbox (recipient, subject, body, created_at, next_attempt_at) VALUES (@Recipient, @Subject, @Body, @Now, @Now)",
            new { mail.Recipient, mail.Subject, mail.Body, Now = now }, transaction, cancellationToken: cancellationToken));
    }
}
