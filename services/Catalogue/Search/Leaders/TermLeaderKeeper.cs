using Federation.Catalogue.Storage;
using Federation.ServiceDefaults.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Catalogue.Search.Leaders;

/// <summary>
/// Keeps the leaders of the frequent words (schema step 5): makes a word frequent once a sample finds it in
/// <see cref="SearchOptions.FrequentDocuments"/> resources, with its <see cref="SearchOptions.LeaderCount"/> best
/// resources as leaders, and trims leaders that writes have grown beyond twice that count, raising the word's floor.
/// One replica at a time; the writes themselves keep every leader current (the rows' trigger). A word's floor is a
/// row's place in the order of relevance, not a weight alone: a newer row that weighs the same joins the leaders, so
/// that the leaders can vouch for the order of the ties that the best rows of a common word usually are.
/// </summary>
/// <remarks>
/// Making a word frequent takes the writers' lock alone for as long as it ranks the word's resources, so that no write
/// falls between the ranking and the word's entry (a write then waits, once per word). Trimming needs no lock: a row
/// a writer adds meanwhile below the new floor is one leader too many, never one missing. A word stays frequent once
/// it is (its leaders cost at most their count), and a word the sample misses is only ranked in full.
/// </remarks>
internal sealed partial class TermLeaderKeeper(NpgsqlDataSource database, IOptions<SearchOptions> options, TimeProvider clock, ILogger<TermLeaderKeeper> logger)
    : BackgroundService
{
    /// <summary>The advisory lock whose holder takes the next round: one replica at a time.</summary>
    internal const string Turn = "catalogue-term-leader-keeper";

    // Words made frequent in one round at most: a round that first meets a large catalogue spreads its work.
    private const int PromotionsPerRound = 200;

    // Words whose leaders are looked at for trimming in one round.
    private const int ChecksPerRound = 500;

    // Writers hold the shared lock only while they commit: moments, with gaps between them.
    private const int LockAttempts = 200;
    private static readonly TimeSpan LockPause = TimeSpan.FromMilliseconds(25);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var turn = await AdvisoryLock.TryAcquireAsync(database, Turn, stoppingToken))
                {
                    if (turn is not null)
                    {
                        await RoundAsync(stoppingToken);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Search stays exact without a round: a word not yet frequent has all its matches ranked.
                LogRoundFailed(logger, exception);
            }

            await Task.Delay(options.Value.LeaderInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One round: new frequent words, then trimming; finished when every word the sample finds frequent is.</summary>
    internal async Task RoundAsync(CancellationToken cancellationToken)
    {
        var promoted = 0;
        foreach (var (lexeme, documents) in await NewFrequentWordsAsync(cancellationToken))
        {
            await PromoteAsync(lexeme, documents, cancellationToken);
            promoted++;
        }

        var trimmed = await TrimAsync(cancellationToken);
        await using var finished = database.CreateCommand("""
            INSERT INTO catalogue_term_rounds (singleton, finished_at) VALUES (true, now())
            ON CONFLICT (singleton) DO UPDATE SET finished_at = excluded.finished_at
            """);
        await finished.ExecuteNonQueryAsync(cancellationToken);
        if (promoted > 0 || trimmed > 0)
        {
            LogRound(logger, promoted, trimmed);
        }
    }

    private async Task<List<(string Lexeme, int Documents)>> NewFrequentWordsAsync(CancellationToken cancellationToken)
    {
        // ts_stat counts, per word, the sampled rows that have it; scaled up by the share sampled.
        await using var command = database.CreateCommand($"""
            WITH sample AS (SELECT catalogue_sample_percent($1) AS percent)
            SELECT s.word, (s.ndoc * 100 / sample.percent)::integer
              FROM sample, ts_stat(format('SELECT document FROM catalogue_search TABLESAMPLE SYSTEM (%s) REPEATABLE (0)', sample.percent)) s
             WHERE s.ndoc * 100 / sample.percent >= $2
               AND NOT EXISTS (SELECT 1 FROM catalogue_frequent_terms f WHERE f.lexeme = s.word)
             ORDER BY s.ndoc DESC, s.word
             LIMIT {PromotionsPerRound}
            """);
        command.Parameters.AddWithValue(options.Value.StatisticsRows);
        command.Parameters.AddWithValue(options.Value.FrequentDocuments);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var words = new List<(string, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            words.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return words;
    }

    private async Task PromoteAsync(string lexeme, int documents, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Alone: every write committed before this lock is in the ranking below, every later one sees the word's entry.
        // Tried rather than waited for: a waiting request would queue every new writer behind it, and a writer that
        // holds a row another writer waits for could then close a circle with the keeper.
        if (!await TryLockAloneAsync(connection, transaction, cancellationToken))
        {
            LogBusy(logger, lexeme);
            return;
        }

        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(Command("DELETE FROM catalogue_term_leaders WHERE lexeme = $1", lexeme));
            batch.BatchCommands.Add(Command("""
                INSERT INTO catalogue_term_leaders (lexeme, impact, modified_at, id)
                SELECT $1, impact, modified_at, id
                  FROM (SELECT catalogue_term_impact(document, $1, popularity) AS impact, modified_at, id
                          FROM catalogue_search WHERE document @@ catalogue_lexeme_query($1)) ranked
                 ORDER BY impact DESC, modified_at DESC, id DESC LIMIT $2
                """, lexeme, options.Value.LeaderCount));
            // With fewer rows than the count, every row that has the word is a leader: the floor is below them all.
            batch.BatchCommands.Add(Command($"""
                INSERT INTO catalogue_frequent_terms (lexeme, documents, floor_impact, floor_modified_at, floor_id, promoted_at)
                SELECT $1, $3, coalesce(last.impact, 0), coalesce(last.modified_at, '-infinity'), coalesce(last.id, '{Guid.Empty}'), now()
                  FROM (SELECT 1) one
                  LEFT JOIN (SELECT impact, modified_at, id FROM catalogue_term_leaders WHERE lexeme = $1
                              ORDER BY impact, modified_at, id LIMIT 1) last
                    ON (SELECT count(*) FROM catalogue_term_leaders WHERE lexeme = $1) >= $2
                ON CONFLICT (lexeme) DO UPDATE SET documents = excluded.documents, floor_impact = excluded.floor_impact,
                    floor_modified_at = excluded.floor_modified_at, floor_id = excluded.floor_id, promoted_at = excluded.promoted_at
                """, lexeme, options.Value.LeaderCount, documents));
            batch.Timeout = 0;
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<bool> TryLockAloneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock(hashtext('{SearchSchema.TermLeaderLock}'))", connection, transaction);
        for (var attempt = 0; attempt < LockAttempts; attempt++)
        {
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return true;
            }

            await Task.Delay(LockPause, clock, cancellationToken);
        }

        return false;
    }

    /// <summary>Trims the words whose leaders have grown beyond twice their count back to the count; gives how many.</summary>
    private async Task<int> TrimAsync(CancellationToken cancellationToken)
    {
        // The words least recently looked at, a bounded number a round: whether a word's leaders have grown past twice
        // their count is a walk of that many index entries.
        var grown = new List<string>();
        await using (var command = database.CreateCommand($"""
            WITH due AS (SELECT lexeme FROM catalogue_frequent_terms ORDER BY checked_at, lexeme LIMIT {ChecksPerRound}),
                 seen AS (UPDATE catalogue_frequent_terms f SET checked_at = now() FROM due WHERE f.lexeme = due.lexeme RETURNING f.lexeme)
            SELECT lexeme FROM seen
             WHERE EXISTS (SELECT 1 FROM catalogue_term_leaders l WHERE l.lexeme = seen.lexeme
                            ORDER BY impact DESC, modified_at DESC, id DESC OFFSET 2 * $1::bigint LIMIT 1)
            """))
        {
            command.Parameters.AddWithValue(options.Value.LeaderCount);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                grown.Add(reader.GetString(0));
            }
        }

        foreach (var lexeme in grown)
        {
            // The count-th leader becomes the floor (never lowered); the leaders below it go, but for those a writer
            // holds: a leader below the floor is one too many, never wrong, and waiting for a writer that may wait
            // for another of these rows could close a circle.
            await using var trim = database.CreateCommand("""
                WITH last AS (SELECT impact, modified_at, id FROM catalogue_term_leaders WHERE lexeme = $1
                               ORDER BY impact DESC, modified_at DESC, id DESC OFFSET $2 - 1 LIMIT 1),
                     raised AS (UPDATE catalogue_frequent_terms f
                                   SET floor_impact = last.impact, floor_modified_at = last.modified_at, floor_id = last.id
                                  FROM last
                                 WHERE f.lexeme = $1 AND (last.impact, last.modified_at, last.id) > (f.floor_impact, f.floor_modified_at, f.floor_id)
                                RETURNING f.floor_impact, f.floor_modified_at, f.floor_id)
                DELETE FROM catalogue_term_leaders
                 WHERE lexeme = $1 AND id IN (
                       SELECT l.id FROM catalogue_term_leaders l, raised
                        WHERE l.lexeme = $1 AND (l.impact, l.modified_at, l.id) < (raised.floor_impact, raised.floor_modified_at, raised.floor_id)
                          FOR UPDATE OF l SKIP LOCKED)
                """);
            trim.Parameters.AddWithValue(lexeme);
            trim.Parameters.AddWithValue(options.Value.LeaderCount);
            await trim.ExecuteNonQueryAsync(cancellationToken);
        }

        return grown.Count;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Term leaders: {Promoted} words made frequent, {Trimmed} trimmed")]
    private static partial void LogRound(ILogger logger, int promoted, int trimmed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Term leaders: writers kept the lock busy; \"{Lexeme}\" is made frequent in a later round")]
    private static partial void LogBusy(ILogger logger, string lexeme);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of the term leader keeper failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
