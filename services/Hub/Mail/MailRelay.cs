using Federation.Hub.Hosting;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace Federation.Hub.Mail;

/// <summary>
/// Sends the mail in <c>hub_mail_outbox</c> through the configured SMTP server, then marks it sent. A message the server
/// does not take is tried again later (after 2, 4, 8 … seconds, at most every ten minutes) and never dropped: the
/// outbox is the record of what the hub still owes someone. At least once: a crash between sending and marking sends
/// that message again.
/// </summary>
public sealed partial class MailRelay(
    NpgsqlDataSource database, MailSignal signal, IOptions<MailOptions> options, IOptions<HubOptions> hub, TimeProvider clock, ILogger<MailRelay> logger)
    : SignalledRelay(signal, database, "mail")
{
    private const int BatchSize = 20;
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);
    private bool toldUnconfigured;

    protected override async Task<bool> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Host is not { Length: > 0 })
        {
            if (!toldUnconfigured)
            {
                LogNoServer(logger);
                toldUnconfigured = true;
            }

            return false;
        }

        var due = new List<(long Id, string Recipient, string Subject, string Body, int Attempts)>();
        await using (var read = Database.CreateCommand($"SELECT id, recipient, subject, body, attempts FROM hub_mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT {BatchSize}"))
        {
            read.Parameters.AddWithValue(clock.GetUtcNow());
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
            }
        }

        if (due.Count == 0)
        {
            return false;
        }

        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, SecurityOf(settings.Security), cancellationToken);
            if (settings.Username is { Length: > 0 })
            {
                await smtp.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The server is away: every due message waits its turn again, none is lost.
            foreach (var message in due)
            {
                await PostponeAsync(message.Id, message.Attempts, exception.Message, cancellationToken);
            }

            LogServerAway(logger, settings.Host, settings.Port, exception);
            return false;
        }

        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                await smtp.SendAsync(Compose(settings, message.Recipient, message.Subject, message.Body), cancellationToken);
                await MarkSentAsync(message.Id, cancellationToken);
                sent++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await PostponeAsync(message.Id, message.Attempts, exception.Message, cancellationToken);
                LogNotSent(logger, message.Id, exception);
            }
        }

        await smtp.DisconnectAsync(quit: true, cancellationToken);
        LogSent(logger, sent);
        return due.Count == BatchSize;
    }

    protected override void OnRelayFailed(Exception exception) => LogRelayFailed(logger, exception);

    private MimeMessage Compose(MailOptions settings, string recipient, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(hub.Value.DisplayName, settings.From!));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private static SecureSocketOptions SecurityOf(string security) => security switch
    {
        "tls" => SecureSocketOptions.SslOnConnect,
        "none" => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private async Task MarkSentAsync(long id, CancellationToken cancellationToken)
    {
        // The body goes once sent: it may hold the secret of an invitation link, of which the hub keeps only a hash.
        await using var mark = Database.CreateCommand("UPDATE hub_mail_outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL, body = '' WHERE id = $1");
        mark.Parameters.AddWithValue(id);
        mark.Parameters.AddWithValue(clock.GetUtcNow());
        await mark.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task PostponeAsync(long id, int attempts, string error, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts + 1), LongestWait.TotalSeconds));
        await using var postpone = Database.CreateCommand("UPDATE hub_mail_outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1");
        postpone.Parameters.AddWithValue(id);
        postpone.Parameters.AddWithValue(clock.GetUtcNow() + wait);
        postpone.Parameters.AddWithValue(error.Length > 500 ? error[..500] : error);
        await postpone.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "No SMTP server is configured (Mail:Host): mail to people waits in the outbox")]
    private static partial void LogNoServer(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "The SMTP server {Host}:{Port} is not reachable; mail stays queued and is tried again")]
    private static partial void LogServerAway(ILogger logger, string host, int port, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Mail {Id} was not taken by the SMTP server; it is tried again later")]
    private static partial void LogNotSent(ILogger logger, long id, Exception exception);

    [LoggerMessage(LogLevel.Information, "Sent {Count} mails")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Sending mail failed; it stays queued and is retried")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
