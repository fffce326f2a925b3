using Federation.Catalogue.Ingest;
using Federation.Catalogue.Sync;
using Federation.Contracts;
using Federation.ServiceDefaults.Postgres;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Catalogue.Storage;

/// <summary>
/// Tags search rows of an older <see cref="TagFormat"/> again, in place: at start, and again at every audit interval
/// for rows an older replica wrote meanwhile (during a rolling deploy both write). A row keeps answering searches on its
/// old tags until its own UPDATE gives it the new ones, so no search ever misses it on the way; nothing is deleted.
/// </summary>
/// <remarks>
/// The tags are made from the row's Marten document, the same snapshot the writer made them from: most dimensions
/// (risk class, modality, sectors …) live only there, not in the row's columns. Each batch is its own short
/// transaction, and it changes a row only while the row still holds the version the tags were made from and the
/// format it was read in, so a write committed meanwhile is never overwritten with older tags.
/// </remarks>
internal sealed partial class SearchRowRetagging(
    IDocumentStore store,
    NpgsqlDataSource database,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SearchRowRetagging> logger) : BackgroundService
{
    private const int BatchSize = 500;

    /// <summary>
    /// How often a pass runs even when the count of stale rows says there is nothing new: the count cannot tell one set
    /// of stale rows from another of the same size (rows left deleted, as many new ones written by an older replica).
    /// </summary>
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromHours(1);

    /// <summary>
    /// How many stale rows the last pass could not tag (no published document of their version): a pass that finds
    /// just as many stale rows has most likely nothing new to do and reads none of them, so rows without documents
    /// (written by hand, as the benchmark does) cost a count per interval, and a pass only every <see cref="RecheckEvery"/>.
    /// </summary>
    private long leftStale;

    private DateTimeOffset lastPass;

    private bool newerReported;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One replica re-tags at a time; another would only find the same rows already done.
                await using (var turn = await AdvisoryLock.TryAcquireAsync(database, "catalogue-search-retagging", stoppingToken))
                {
                    if (turn is not null)
                    {
                        await RetagAsync(stoppingToken);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Search goes on answering from the old tags; the next pass tries again.
                LogPassFailed(logger, exception);
            }

            await Task.Delay(options.Value.AuditInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One pass over every format older than this catalogue's.</summary>
    private async Task RetagAsync(CancellationToken cancellationToken)
    {
        var formats = await TagFormats.ReadAsync(database, cancellationToken);
        if (formats.Newer.Count > 0 && !newerReported)
        {
            // Leaving them alone rather than refusing to start: during a rolling deploy this (older) replica must keep
            // serving and may restart; a refusal would take it out while the newer ones roll out, and block a rollback.
            // Its searches still find newer rows by every tag the two formats share.
            LogNewerLeftAlone(logger, string.Join(", ", formats.Newer), TagFormat.Current);
            newerReported = true;
        }

        if (formats.Stale.Count == 0
            || (clock.GetUtcNow() - lastPass < RecheckEvery && await CountAsync(formats.Stale, cancellationToken) == leftStale))
        {
            return;
        }

        lastPass = clock.GetUtcNow();

        long retagged = 0, left = 0;
        foreach (var format in formats.Stale)
        {
            var after = Guid.Empty;
            while (await NextBatchAsync(format, after, cancellationToken) is { Count: > 0 } ids)
            {
                after = ids[^1];
                var done = await RetagBatchAsync(format, ids, cancellationToken);
                retagged += done;
                left += ids.Count - done;
            }
        }

        leftStale = left;
        LogRetagged(logger, retagged, TagFormat.Current, left);
    }

    private async Task<long> CountAsync(IReadOnlyList<string> formats, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM catalogue_search WHERE tag_format = ANY($1)");
        command.Parameters.AddWithValue(formats.ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // Along the (tag_format, id) index, one format at a time: each batch starts where the last ended, so a row that
    // cannot be tagged (no document) is passed once, not read again and again.
    private async Task<List<Guid>> NextBatchAsync(string format, Guid after, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT id FROM catalogue_search WHERE tag_format = $1 AND id > $2 ORDER BY id LIMIT $3");
        command.Parameters.AddWithValue(format);
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>(BatchSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<int> RetagBatchAsync(string format, List<Guid> ids, CancellationToken cancellationToken)
    {
        IReadOnlyList<ResourceSnapshot> resources;
        await using (var session = store.QuerySession())
        {
            resources = (await session.LoadManyAsync<CatalogueEntry>(cancellationToken, ids))
                .Where(entry => entry.State == ResourceState.Published).Select(entry => entry.Resource).ToList();
        }

        if (resources.Count == 0)
        {
            return 0;
        }

        await using var command = database.CreateCommand("""
            UPDATE catalogue_search s SET filter_tags = string_to_array(r.tags, chr(31)), tag_format = $1
              FROM unnest($2::uuid[], $3::int[], $4::text[]) AS r(id, version, tags)
             WHERE s.id = r.id AND s.version = r.version AND s.tag_format = $5
            """);
        command.Parameters.AddWithValue(TagFormat.Current);
        command.Parameters.AddWithValue(resources.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue(resources.Select(r => r.Version).ToArray());
        command.Parameters.AddWithValue(resources.Select(FilterTags.Joined).ToArray());
        command.Parameters.AddWithValue(format);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Tagged {Count} search rows again in tag format {Format}; {Left} could not be (no published document matching their version)")]
    private static partial void LogRetagged(ILogger logger, long count, string format, long left);

    [LoggerMessage(LogLevel.Warning, "Search rows in tag formats {Newer}, newer than this catalogue's {Format}, are left as they are (a newer catalogue wrote them)")]
    private static partial void LogNewerLeftAlone(ILogger logger, string newer, string format);

    [LoggerMessage(LogLevel.Warning, "Re-tagging search rows failed; trying again at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
