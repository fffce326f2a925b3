using Npgsql;

namespace Federation.Hub.People;

/// <summary>
/// Keeps personal data only as long as it serves (docs/privacy.md): unconfirmed join requests go when their link
/// expires, decided requests and spent invitations after 90 days, requests nobody decided after 180, sent mail (already
/// without its body) after 7 days and mail the server would not take after 7 days too, removed institution sign-ins
/// after two years;
/// lifted suspensions and removals after <see cref="RevokedPeople.NewsKeptFor"/> (older news of them is ignored, so
/// nothing they held back can come back), token cut-offs once no token they refuse can still be alive.
/// </summary>
internal sealed partial class PeopleHousekeeping(NpgsqlDataSource database, TimeProvider clock, ILogger<PeopleHousekeeping> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private static readonly string Purge = $"""
        DELETE FROM hub_join_requests WHERE "State" = 'unconfirmed' AND "ConfirmBefore" < $1;
        DELETE FROM hub_join_requests WHERE "State" IN ('approved', 'refused') AND "DecidedAt" < $1 - interval '90 days';
        DELETE FROM hub_invitations WHERE GREATEST("AcceptedAt", "RevokedAt", "ExpiresAt") < $1 - interval '90 days'
            AND ("AcceptedAt" IS NOT NULL OR "RevokedAt" IS NOT NULL OR "ExpiresAt" < $1);
        DELETE FROM hub_join_requests WHERE "State" = 'pending' AND "CreatedAt" < $1 - interval '180 days';
        DELETE FROM hub_mail_outbox WHERE sent_at < $1 - interval '7 days';
        DELETE FROM hub_removed_logins WHERE removed_at < $1 - interval '730 days';
        DELETE FROM hub_revoked_people WHERE coalesce(lifted_at, CASE WHEN standing = 'removed' THEN since END) < $1 - interval '{(int)RevokedPeople.NewsKeptFor.TotalDays} days';
        DELETE FROM hub_token_cutoffs WHERE issued_before < $1 - interval '2 days';
        """;

    // Mail the server would not take for a week is given up: its links have expired by now, and keeping it keeps its
    // text (names, addresses) for nothing. Its own statement, so that the log can say how many the people never got.
    private const string GiveUpMail = "DELETE FROM hub_mail_outbox WHERE sent_at IS NULL AND created_at < $1 - interval '7 days'";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPurgeFailed(logger, exception);
            }

            await Task.Delay(Interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async Task PurgeAsync(CancellationToken cancellationToken)
    {
        await using var batch = database.CreateBatch();
        var givingUpMail = new NpgsqlBatchCommand(GiveUpMail);
        foreach (var command in Purge.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .Select(statement => new NpgsqlBatchCommand(statement)).Append(givingUpMail))
        {
            command.Parameters.AddWithValue(clock.GetUtcNow());
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (givingUpMail.RecordsAffected is > 0 and var givenUp)
        {
            LogMailGivenUp(logger, givenUp);
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Count} mail message(s) the SMTP server did not take for 7 days were given up and deleted; their recipients were not told")]
    private static partial void LogMailGivenUp(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Purging expired join requests, invitations, sent mail and lifted suspensions failed; it is tried again in an hour")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
