using System.Globalization;
using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// Full-text search with facets over the search table, in two round trips whose work is bounded however many
/// resources match: first the ranking window's edge, the total counted up to a limit, and the rows facets are counted
/// from, up to a limit; then the page of hits, and, when the facet rows were too many, a sample of the table instead.
/// </summary>
/// <remarks>
/// Exact answers cost work in proportion to the matches, and a common word matches a third of a million resources.
/// So relevance ranks the <see cref="RankingWindow"/> most recently modified matches and lists older ones after
/// them, newest first; the total is exact up to <see cref="ExactCountLimit"/>; facets are exact up to
/// <see cref="ExactFacetRows"/> rows and estimated from a sample of the table beyond. A result says which of its
/// counts are estimates.
/// </remarks>
public sealed class CatalogueSearch(NpgsqlDataSource database)
{
    public const int RankingWindow = 1_000;

    public const int ExactCountLimit = 5_000;

    public const int ExactFacetRows = 2_000;

    /// <summary>About how many rows of the table a facet sample reads.</summary>
    public const int SampleRows = 5_000;

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var filter = SearchFilter.Of(request);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        var edge = request.After is null ? null : request.After.Edge;
        var findEdge = request.After is null && filter.Query is not null && request.Sort == SearchSort.Relevance;
        long counted;
        double tableRows;
        var exact = new FacetTally(filter.Active);
        await using (var first = new NpgsqlBatch(connection))
        {
            if (findEdge)
            {
                first.BatchCommands.Add(Command(filter, $"""
                    SELECT modified_at, id FROM catalogue_search WHERE {filter.Where}
                     ORDER BY modified_at DESC, id DESC OFFSET {RankingWindow - 1} LIMIT 1
                    """));
            }

            first.BatchCommands.Add(Command(filter, $"SELECT count(*) FROM (SELECT 1 FROM catalogue_search WHERE {filter.Where} LIMIT {ExactCountLimit + 1}) m"));
            first.BatchCommands.Add(Command(filter, $"SELECT filter_tags FROM catalogue_search WHERE {filter.WhereAllButOne} LIMIT {ExactFacetRows + 1}"));
            first.BatchCommands.Add(new NpgsqlBatchCommand("SELECT reltuples::float8 FROM pg_class WHERE oid = 'catalogue_search'::regclass"));
            await using var reader = await first.ExecuteReaderAsync(cancellationToken);
            if (findEdge)
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    edge = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1));
                }

                await reader.NextResultAsync(cancellationToken);
            }

            await reader.ReadAsync(cancellationToken);
            counted = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            await TallyAsync(reader, exact, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            tableRows = reader.GetDouble(0);
        }

        var facetParameters = filter.Parameters();
        var hitsSql = HitsStatement.Build(request, filter, edge);
        var sampled = exact.Rows > ExactFacetRows;
        // reltuples is -1 until the table is first analysed; then the whole table is the "sample".
        var percent = !sampled || tableRows <= SampleRows ? 100 : SampleRows * 100.0 / tableRows;
        var tally = sampled ? new FacetTally(filter.Active) : exact;
        var hits = new List<(SearchHit Hit, int Segment)>();
        await using (var second = new NpgsqlBatch(connection))
        {
            second.BatchCommands.Add(Command(filter, hitsSql));
            if (sampled)
            {
                // REPEATABLE: the same pages every time, so the estimates stay put from one page of results to the next.
                var sample = percent < 100 ? string.Create(CultureInfo.InvariantCulture, $"TABLESAMPLE SYSTEM ({percent:R}) REPEATABLE (0)") : "";
                var command = new NpgsqlBatchCommand($"SELECT filter_tags FROM catalogue_search {sample} WHERE {filter.WhereAllButOne}");
                command.Parameters.AddRange(facetParameters);
                second.BatchCommands.Add(command);
            }

            await using var reader = await second.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add((new SearchHit(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetFieldValue<string[]>(7), reader.GetFieldValue<string[]>(8),
                    reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetFloat(11),
                    Snippets.ToHtml(reader.IsDBNull(12) ? null : reader.GetString(12))), reader.GetInt32(13)));
            }

            if (sampled)
            {
                await reader.NextResultAsync(cancellationToken);
                await TallyAsync(reader, tally, cancellationToken);
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

        var scale = 100 / percent;
        var totalIsEstimate = sampled && counted > ExactCountLimit && percent < 100;
        var total = !sampled ? exact.Total
            : totalIsEstimate ? Math.Max(ExactCountLimit + 1, FacetTally.Estimate(tally.Total, scale))
            : counted > ExactCountLimit ? tally.Total : counted;
        return new SearchResult(total, request.Page, request.PageSize, hits.Select(h => h.Hit).ToList(), tally.Facets(scale),
            request.Sort.ToString().ToLowerInvariant(), next, totalIsEstimate, sampled && percent < 100);
    }

    private static async Task TallyAsync(NpgsqlDataReader reader, FacetTally tally, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            tally.Add(reader.GetFieldValue<string[]>(0));
        }
    }

    private static NpgsqlBatchCommand Command(SearchFilter filter, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(filter.Parameters());
        return command;
    }
}
