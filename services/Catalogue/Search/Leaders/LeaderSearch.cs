using Federation.Contracts.Catalogue;
using Npgsql;

namespace Federation.Catalogue.Search.Leaders;

/// <summary>
/// A page of a large relevance search, found through the leaders of its words (<see cref="LeaderStatement"/>): the
/// ranked part read a little deeper into the leaders until it vouches for the whole page, and where even all of them
/// cannot, the rest of the matches after it, newest first.
/// </summary>
internal static class LeaderSearch
{
    /// <summary>The deepest a cursor may ask for (leaders of a word number at most twice their count between trims).</summary>
    public const int MaxDepthEver = 2_000_000;

    // Each deeper reading reads this many times more leaders: few round trips, little read in vain.
    private const int Deeper = 4;

    /// <summary>The depth a first page starts from: a few times the rows it needs, which usually vouches for them.</summary>
    public static int FirstDepth(int limit, int leaderCount) => Math.Min(Math.Max(64, Deeper * limit), MaxDepth(leaderCount));

    /// <summary>How deep a search reads at most: every leader a word may have between two trims.</summary>
    public static int MaxDepth(int leaderCount) => (int)Math.Min(2L * leaderCount, MaxDepthEver);

    /// <summary>Reads a <see cref="LeaderStatement.Ranked"/> result.</summary>
    public static async Task<RankedPage> ReadRankedAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        LeaderBound? bound = null;
        var (deeper, certified, vouched) = (false, 0L, 0L);
        while (await reader.ReadAsync(cancellationToken))
        {
            bound ??= new LeaderBound(reader.GetDouble(LeaderStatement.BoundRankColumn),
                reader.IsDBNull(LeaderStatement.BoundModifiedColumn) ? null : reader.GetFieldValue<DateTimeOffset>(LeaderStatement.BoundModifiedColumn),
                reader.IsDBNull(LeaderStatement.BoundIdColumn) ? null : reader.GetGuid(LeaderStatement.BoundIdColumn));
            deeper = reader.GetBoolean(LeaderStatement.DeeperColumn);
            certified = reader.GetInt64(LeaderStatement.CertifiedColumn);
            vouched = reader.GetInt64(LeaderStatement.VouchedColumn);
            if (!reader.IsDBNull(0))
            {
                hits.Add(SearchHitRows.Read(reader, LeaderStatement.RankColumn, LeaderStatement.SnippetColumn, LeaderStatement.UseColumn));
            }
        }

        return new RankedPage(hits, bound ?? throw new InvalidOperationException("the ranked statement gave no bound"), deeper, certified, vouched);
    }

    /// <summary>
    /// Completes a page whose ranked part vouched for fewer than <paramref name="offset"/> + <paramref name="rows"/> rows:
    /// deeper while the leaders go on, then the rest. Gives the page's hits, each with its part, and the depth read.
    /// </summary>
    /// <returns>Null when the leaders cannot vouch for the page and <paramref name="rankAll"/> says to rank every match instead.</returns>
    public static async Task<(List<(SearchHit Hit, int Segment)> Hits, LeaderBound Bound, int Depth)?> CompleteAsync(
        NpgsqlConnection connection, SearchFilter filter, SearchCursor? after, RankedPage page, int depth, int rows, int offset,
        int leaderCount, bool rankAll, CancellationToken cancellationToken)
    {
        // Deeper while reading deeper vouches: a reading that vouched for no candidate at all (a conjunction of common
        // words, whose bound sits where each word alone is strong) is not read deeper; measured at a million
        // resources, a second reading four times deeper vouched for none either and cost a round trip.
        while (page.Certified < offset + rows && page.Deeper && depth < MaxDepth(leaderCount) && page.Vouched > 0)
        {
            depth = Math.Min(depth * Deeper, MaxDepth(leaderCount));
            await using var command = Command(connection, LeaderStatement.Ranked(filter, after, depth, rows, offset), filter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            page = await ReadRankedAsync(reader, cancellationToken);
        }

        if (page.Certified < offset + rows && rankAll)
        {
            return null;
        }

        var hits = page.Hits.Select(hit => (hit, 0)).ToList();
        if (page.Certified < offset + rows)
        {
            var restOffset = (int)Math.Max(0, offset - page.Certified);
            hits.AddRange((await RestAsync(connection, filter, page.Bound, null, rows - hits.Count, restOffset, cancellationToken)).Select(hit => (hit, 1)));
        }

        return (hits, page.Bound, depth);
    }

    /// <summary>A page of the rest below <paramref name="bound"/>.</summary>
    public static async Task<List<SearchHit>> RestAsync(NpgsqlConnection connection, SearchFilter filter, LeaderBound bound, SearchCursor? after,
        int rows, int offset, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, LeaderStatement.Rest(filter, bound, after, rows, offset), filter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(SearchHitRows.Read(reader, rank: 11, snippet: 12, use: 13));
        }

        return hits;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, SearchFilter filter)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(filter.Parameters());
        return command;
    }
}
