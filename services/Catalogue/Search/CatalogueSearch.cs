using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// Full-text search with facets over the search table, with work bounded however many resources match. The first
/// round trip reads the page of hits and a sample of the table (the whole table while it is small); the sample
/// says how large the result is, and only a result small enough to count exactly is then counted exactly.
/// </summary>
/// <remarks>
/// Exact answers cost work in proportion to the matches, and a common word matches a third of a million resources.
/// So relevance ranks the most recently modified matches (the ranking window) and lists older ones after them,
/// newest first; the total and the facets are exact up to their limits, and beyond them estimated from the sample.
/// A result says which of its counts are estimates. The bounds are in <see cref="SearchOptions"/>.
/// </remarks>
public sealed class CatalogueSearch(NpgsqlDataSource database, IOptions<SearchOptions> options)
{
    private readonly int rankingWindow = options.Value.RankingWindow;
    private readonly int exactCountLimit = options.Value.ExactCountLimit;
    private readonly int exactFacetRows = options.Value.ExactFacetRows;
    private readonly int sampleRows = options.Value.SampleRows;

    // A sample's estimate is rough when it rests on few rows: anything it puts below twice a limit is counted.
    private const int Margin = 2;

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var filter = SearchFilter.Of(request);
        var facetParameters = filter.Parameters();
        var sampleSql = $"""
            SELECT filter_tags FROM catalogue_search TABLESAMPLE SYSTEM (catalogue_sample_percent({sampleRows})) REPEATABLE (0)
             WHERE {filter.WhereAllButOne}
            """;
        var edge = request.After?.Edge;
        var firstRanked = request.After is null && request.Page == 1 && filter.Query is not null && request.Sort == SearchSort.Relevance;
        var needsEdge = request.After is null && request.Page > 1 && filter.Query is not null && request.Sort == SearchSort.Relevance;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var hits = new List<(SearchHit Hit, int Segment)>();
        var sample = new FacetTally(filter.Active);
        double percent;
        await using (var first = new NpgsqlBatch(connection))
        {
            if (needsEdge)
            {
                first.BatchCommands.Add(Command($"""
                    SELECT modified_at, id FROM catalogue_search WHERE {filter.Where}
                     ORDER BY modified_at DESC, id DESC OFFSET {rankingWindow - 1} LIMIT 1
                    """, facetParameters));
            }
            else
            {
                var hitsSql = firstRanked ? HitsStatement.FirstRanked(request, filter, rankingWindow) : HitsStatement.Build(request, filter, edge);
                first.BatchCommands.Add(Command(hitsSql, filter.Parameters()));
            }

            first.BatchCommands.Add(Command(sampleSql, facetParameters));
            first.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT catalogue_sample_percent({sampleRows})"));
            await using var reader = await first.ExecuteReaderAsync(cancellationToken);
            if (needsEdge)
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    edge = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1));
                }
            }
            else
            {
                edge = await ReadHitsAsync(reader, hits, cancellationToken) ?? edge;
            }

            await reader.NextResultAsync(cancellationToken);
            await TallyAsync(reader, sample, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            percent = reader.GetDouble(0);
        }

        var scale = 100 / percent;
        var sampled = percent < 100;
        var exact = new FacetTally(filter.Active);
        var tryExactFacets = sampled && sample.Rows * scale <= Margin * exactFacetRows;
        var tryCount = sampled && sample.Total * scale <= Margin * exactCountLimit;
        long? counted = null;
        if (needsEdge || tryExactFacets || tryCount)
        {
            await using var second = new NpgsqlBatch(connection);
            if (needsEdge)
            {
                second.BatchCommands.Add(Command(HitsStatement.Build(request, filter, edge), filter.Parameters()));
            }

            if (tryExactFacets)
            {
                second.BatchCommands.Add(Command($"SELECT filter_tags FROM catalogue_search WHERE {filter.WhereAllButOne} LIMIT {exactFacetRows + 1}", facetParameters));
            }

            if (tryCount)
            {
                second.BatchCommands.Add(Command($"SELECT count(*) FROM (SELECT 1 FROM catalogue_search WHERE {filter.Where} LIMIT {exactCountLimit + 1}) m", facetParameters));
            }

            await using var reader = await second.ExecuteReaderAsync(cancellationToken);
            if (needsEdge)
            {
                await ReadHitsAsync(reader, hits, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
            }

            if (tryExactFacets)
            {
                await TallyAsync(reader, exact, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
            }

            if (tryCount && await reader.ReadAsync(cancellationToken))
            {
                counted = reader.GetInt64(0);
            }
        }

        string? next = null;
        if (hits.Count > request.PageSize)
        {
            hits.RemoveAt(hits.Count - 1);
            var (last, segment) = hits[^1];
            next = new SearchCursor((float)last.Rank, last.ModifiedAt, last.Id, SearchCursor.QueryKeyOf(request), segment,
                edge?.ModifiedAt, edge?.Id).Encode();
        }

        var facetsExact = !sampled || (tryExactFacets && exact.Rows <= exactFacetRows);
        var counts = !sampled ? sample : facetsExact ? exact : sample;
        var (total, totalIsEstimate) = facetsExact ? (counts.Total, false)
            : counted <= exactCountLimit ? (counted.Value, false)
            : (Math.Max(counted is null ? 0 : exactCountLimit + 1, FacetTally.Estimate(sample.Total, scale)), true);
        return new SearchResult(total, request.Page, request.PageSize, hits.Select(h => h.Hit).ToList(),
            counts.Facets(facetsExact ? 1 : scale), request.Sort.ToString().ToLowerInvariant(), next, totalIsEstimate, !facetsExact);
    }

    /// <summary>Reads the rows of a hits statement; gives the ranking window's edge when the statement found one.</summary>
    private static async Task<(DateTimeOffset ModifiedAt, Guid Id)?> ReadHitsAsync(
        NpgsqlDataReader reader, List<(SearchHit Hit, int Segment)> hits, CancellationToken cancellationToken)
    {
        (DateTimeOffset, Guid)? edge = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add((new SearchHit(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetFieldValue<string[]>(7), reader.GetFieldValue<string[]>(8),
                reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetFloat(11),
                Snippets.ToHtml(reader.IsDBNull(12) ? null : reader.GetString(12))), reader.GetInt32(13)));
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
            tally.Add(reader.GetFieldValue<string[]>(0));
        }
    }

    private static NpgsqlBatchCommand Command(string sql, NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        return command;
    }
}
