using Federation.Contracts.Catalogue;
using Federation.Contracts.Serialization;
using Federation.Catalogue.Search.Expansion;
using Federation.Catalogue.Search.Leaders;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// Full-text search with facets over the search table, with work bounded however many resources match. The first
/// round trip reads a sample of the table (the whole table while it is small), which sizes the result; the second
/// reads the page of hits in the way that suits that size, and counts exactly only a result small enough for it.
/// </summary>
/// <remarks>
/// Exact answers cost work in proportion to the matches, and a common word matches a third of a million resources.
/// Relevance ranks every match of a small result; a large one is found through the leaders of its words
/// (<see cref="LeaderStatement"/>), in exact order as deep as they vouch for; past that it has every match ranked when
/// the sample puts it within <see cref="SearchOptions.RankAllRows"/>, and otherwise the rest of its matches follow
/// newest first. The total and the facets are exact up to their limits, and beyond
/// them estimated from the sample. A result says which of its counts are estimates. The bounds are in <see cref="SearchOptions"/>.
/// </remarks>
public sealed class CatalogueSearch(NpgsqlDataSource database, SpellingCorrection spelling, QueryExpansion expansion, IOptions<SearchOptions> options)
{
    private readonly int leaderCount = options.Value.LeaderCount;
    private readonly int rankAllRows = options.Value.RankAllRows;
    private readonly int exactCountLimit = options.Value.ExactCountLimit;
    private readonly int exactFacetRows = options.Value.ExactFacetRows;
    private readonly int sampleRows = options.Value.SampleRows;
    private readonly int scanRows = options.Value.ScanRows;
    private readonly int scanRankLimit = Math.Min(options.Value.ScanRankLimit, options.Value.ScanRows);

    // A sample's estimate is rough when it rests on few rows: anything it puts below twice a limit is counted.
    private const int Margin = 2;

    /// <summary>
    /// The search; when its text finds nothing and has words no resource uses, the search again with those words
    /// corrected, if that finds something. The result then names the corrected text, which later pages must use.
    /// </summary>
    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var result = await SearchAsTypedAsync(request, cancellationToken);
        if (result.Total > 0 || result.Items.Count > 0 || request.Text is null || request.After is not null
            || await spelling.CorrectAsync(request.Text, cancellationToken) is not { } corrected)
        {
            return result;
        }

        var second = await SearchAsTypedAsync(request with { Text = corrected }, cancellationToken);
        return second.Items.Count > 0 ? second with { CorrectedText = corrected } : result;
    }

    private async Task<SearchResult> SearchAsTypedAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var filter = SearchFilter.Of(request, expansion);
        // The conditions' own values; the hits statement adds cursor and edge values after them.
        var conditionValues = filter.ParameterCount;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        // First the sample: it sizes the result, and the size decides how the rest is read.
        var sample = new FacetTally(filter.Active);
        var firstRankedPage = request.After is null && filter.Query is not null && request.Sort == SearchSort.Relevance;
        DateTimeOffset? scanEdge = null;
        double percent;
        await using (var first = new NpgsqlBatch(connection))
        {
            first.BatchCommands.Add(Command($"""
                SELECT {FacetTally.TagsColumn} FROM catalogue_search TABLESAMPLE SYSTEM (catalogue_sample_percent({sampleRows})) REPEATABLE (0)
                 WHERE {filter.WhereAllButOne}
                """, filter.Parameters(conditionValues)));
            first.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT catalogue_sample_percent({sampleRows})"));
            if (firstRankedPage)
            {
                // Where a ranking walk over the most recent resources would stop, in case the result is large: one
                // short walk of the recency index, cheaper than a round trip to ask only when needed.
                first.BatchCommands.Add(new NpgsqlBatchCommand(
                    $"SELECT modified_at FROM catalogue_search ORDER BY modified_at DESC, id DESC OFFSET {scanRows - 1} LIMIT 1"));
            }

            await using var reader = await first.ExecuteReaderAsync(cancellationToken);
            await TallyAsync(reader, sample, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            percent = reader.GetDouble(0);
            if (firstRankedPage)
            {
                await reader.NextResultAsync(cancellationToken);
                scanEdge = await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
            }
        }

        var scale = 100 / percent;
        var sampled = percent < 100;
        var estimatedMatches = sample.Total * scale;
        var large = sampled && estimatedMatches > scanRows;
        var tryExactFacets = sampled && sample.Rows * scale <= Margin * exactFacetRows;
        var tryCount = sampled && estimatedMatches <= Margin * exactCountLimit;

        var hits = new List<(SearchHit Hit, int Segment)>();
        var edge = request.After?.Edge;
        var exact = new FacetTally(filter.Active);
        long? counted = null;
        // A large relevance search through its words' leaders; a cursor keeps the way its first page took.
        var viaLeaders = filter.Query is not null && request.Sort == SearchSort.Relevance && !filter.HasPrefix
            // A cursor from elsewhere in the ranked order (no depth, no window edge) takes the leaders too when the
            // result is large: ranking every match below it would cost a million ranks.
            && (request.After is { } after ? after.Depth > 0 || (large && after.Edge is null) : large);
        var offset = request.After is null ? (request.Page - 1) * request.PageSize : 0;
        var rows = request.PageSize + 1;
        var depth = request.After is { Depth: > 0 } deep ? Math.Min(deep.Depth, LeaderSearch.MaxDepth(leaderCount)) : LeaderSearch.FirstDepth(rows, leaderCount);
        var rankAll = estimatedMatches <= rankAllRows;
        RankedPage? ranked = null;
        await using (var second = new NpgsqlBatch(connection))
        {
            var hitsSql = !viaLeaders ? HitsStatement.Build(request, filter, scanRankLimit, large, scanEdge)
                : request.After is { Segment: 1 } inRest ? LeaderStatement.RestAfter(filter, inRest, depth, rows)
                : LeaderStatement.Ranked(filter, request.After, depth, LeaderSearch.MaxDepth(leaderCount), rows, offset, restAllowed: !rankAll);
            second.BatchCommands.Add(Command(hitsSql, filter.Parameters()));
            if (tryExactFacets)
            {
                second.BatchCommands.Add(Command($"SELECT {FacetTally.TagsColumn} FROM catalogue_search WHERE {filter.WhereAllButOne} LIMIT {exactFacetRows + 1}", filter.Parameters(conditionValues)));
            }

            if (tryCount)
            {
                second.BatchCommands.Add(Command($"SELECT count(*) FROM (SELECT 1 FROM catalogue_search WHERE {filter.Where} LIMIT {exactCountLimit + 1}) m", filter.Parameters(conditionValues)));
            }

            await using var reader = await second.ExecuteReaderAsync(cancellationToken);
            if (viaLeaders)
            {
                ranked = await LeaderSearch.ReadAsync(reader, cancellationToken);
            }
            else
            {
                edge = await ReadHitsAsync(reader, hits, cancellationToken) ?? edge;
            }

            if (tryExactFacets)
            {
                await reader.NextResultAsync(cancellationToken);
                await TallyAsync(reader, exact, cancellationToken);
            }

            if (tryCount)
            {
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                counted = reader.GetInt64(0);
            }
        }

        if (ranked is not null)
        {
            // Deeper where that vouches for more; a page still short of ranked rows has the rest after them, or, for a
            // result the sample puts within reach, is read again with every match ranked (its cursor then leaves the leaders).
            (ranked, depth) = await LeaderSearch.DeepenAsync(connection, filter, request.After, ranked, depth, rows, offset, leaderCount,
                restAllowed: !rankAll, cancellationToken);
            if (request.After is not { Segment: 1 } && ranked.Certified < offset + rows && rankAll)
            {
                viaLeaders = false;
                await using var everyMatch = new NpgsqlCommand(HitsStatement.Build(request with { After = request.After is { } a ? a with { Depth = 0 } : null },
                    filter, scanRankLimit, large: false, scanEdge: null), connection);
                everyMatch.Parameters.AddRange(filter.Parameters());
                await using var reader = await everyMatch.ExecuteReaderAsync(cancellationToken);
                await ReadHitsAsync(reader, hits, cancellationToken);
            }
            else
            {
                hits.AddRange(ranked.Hits);
            }
        }

        string? next = null;
        if (hits.Count > request.PageSize)
        {
            hits.RemoveAt(hits.Count - 1);
            var (last, segment) = hits[^1];
            // The cursor's rank is the score the page is ordered by: popularity for sort=popularity.
            var score = request.Sort == SearchSort.Popularity ? last.Popularity : last.Rank;
            next = (viaLeaders
                ? new SearchCursor((float)score, last.ModifiedAt, last.Id, SearchCursor.QueryKeyOf(request), segment) { Depth = depth, Ceiling = segment == 1 ? CeilingOf(request.After, hits) : null }
                : new SearchCursor((float)score, last.ModifiedAt, last.Id, SearchCursor.QueryKeyOf(request), segment, edge?.ModifiedAt, edge?.Id)).Encode();
        }

        var facetsExact = !sampled || (tryExactFacets && exact.Rows <= exactFacetRows);
        var counts = sampled && facetsExact ? exact : sample;
        var (total, totalIsEstimate) = facetsExact ? (counts.Total, false)
            : counted <= exactCountLimit ? (counted.Value, false)
            : (Math.Max(counted is null ? 0 : exactCountLimit + 1, FacetTally.Estimate(sample.Total, scale)), true);
        return new SearchResult(total, request.Page, request.PageSize, hits.Select(h => h.Hit).ToList(),
            counts.Facets(facetsExact ? 1 : scale), request.Sort.ToWireName(), next, totalIsEstimate, !facetsExact)
        {
            AlsoSearched = filter.AlsoSearched,
            NewestFirstFrom = hits.FindIndex(hit => hit.Segment == 1) is var rest and >= 0 ? rest : null,
        };
    }

    /// <summary>The last row of the ranked part shown so far: on this page, else where the cursor it came from was.</summary>
    private static RankKey? CeilingOf(SearchCursor? after, List<(SearchHit Hit, int Segment)> hits) =>
        hits.LastOrDefault(hit => hit.Segment == 0) is ({ } ranked, 0) ? new RankKey((float)ranked.Rank, ranked.ModifiedAt, ranked.Id)
        : after is { Segment: 0 } ? new RankKey(after.Rank, after.ModifiedAt, after.Id)
        : after?.Ceiling;

    /// <summary>Reads the rows of a hits statement; gives the ranking window's edge when the statement found one.</summary>
    private static async Task<(DateTimeOffset ModifiedAt, Guid Id)?> ReadHitsAsync(
        NpgsqlDataReader reader, List<(SearchHit Hit, int Segment)> hits, CancellationToken cancellationToken)
    {
        (DateTimeOffset, Guid)? edge = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add((SearchHitRows.Read(reader, rank: 11, snippet: 12, use: 16), reader.GetInt32(13)));
            if (!reader.IsDBNull(14))
            {
                edge = (reader.GetFieldValue<DateTimeOffset>(14), reader.GetGuid(15));
            }
        }

        return edge;
    }

    private static async Task TallyAsync(NpgsqlDataReader reader, FacetTally tally, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            tally.Add(reader.GetString(0));
        }
    }

    private static NpgsqlBatchCommand Command(string sql, NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
