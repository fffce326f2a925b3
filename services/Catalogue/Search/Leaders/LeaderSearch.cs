using Federation.Contracts.Catalogue;
using Npgsql;

namespace Federation.Catalogue.Search.Leaders;

/// <summary>
/// A page of a large relevance search, found through the leaders of its words (<see cref="LeaderStatement"/>): the
/// ranked part read deeper into the leaders while that vouches for more, and where it cannot vouch for the whole page,
/// the rest of the matches after it, newest first, in the same statement.
/// </summary>
internal static class LeaderSearch
{
    /// <summary>The deepest a cursor may name (leaders of a word number at most twice their count between trims).</summary>
    public const int MaxDepthEver = 2_000_000;

    // Each deeper reading reads this many times more leaders: few round trips, little read in vain.
    private const int Deeper = 4;

    /// <summary>
    /// The depth every search starts from, whatever its page: a few times a page's rows, which usually vouches for them.
    /// The same for every page of a search, so that pages by number agree on where the ranked part ends.
    /// </summary>
    public static int FirstDepth(int rows, int leaderCount) => Math.Min(Math.Max(64, Deeper * rows), MaxDepth(leaderCount));

    /// <summary>How deep a search reads at most: every leader a word may have between two trims.</summary>
    public static int MaxDepth(int leaderCount) => (int)Math.Min(2L * leaderCount, MaxDepthEver);

    /// <summary>Reads a result of <see cref="LeaderStatement.Ranked"/> or <see cref="LeaderStatement.RestAfter"/>.</summary>
    public static async Task<RankedPage> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var hits = new List<(SearchHit, int)>();
        var (deeper, certified, vouched) = (false, 0L, 0L);
        while (await reader.ReadAsync(cancellationToken))
        {
            deeper = reader.GetBoolean(LeaderStatement.DeeperColumn);
            certified = reader.GetInt64(LeaderStatement.CertifiedColumn);
            vouched = reader.GetInt64(LeaderStatement.VouchedColumn);
            if (!reader.IsDBNull(0))
            {
                hits.Add((SearchHitRows.Read(reader, LeaderStatement.RankColumn, LeaderStatement.SnippetColumn, LeaderStatement.UseColumn),
                    reader.GetInt32(LeaderStatement.SegmentColumn)));
            }
        }

        return new RankedPage(hits, deeper, certified, vouched);
    }

    /// <summary>Whether a reading vouched for too few rows but reading deeper may vouch for more.</summary>
    /// <remarks>
    /// Not after a reading that vouched for no candidate at all: a conjunction of common words, whose bound sits where
    /// each word alone is strong; at a million resources a reading four times deeper vouched for none either.
    /// </remarks>
    public static bool ReadDeeper(RankedPage page, int depth, int limit, int leaderCount) =>
        page.Certified < limit && page.Deeper && page.Vouched > 0 && depth < MaxDepth(leaderCount);

    /// <summary>
    /// Reads deeper while <see cref="ReadDeeper"/> says so. Gives the page and the depth it was read at; the page holds
    /// the rest after its ranked rows unless <paramref name="restAllowed"/> is false, when a page short of ranked rows
    /// is for the caller to complete another way.
    /// </summary>
    public static async Task<(RankedPage Page, int Depth)> DeepenAsync(NpgsqlConnection connection, SearchFilter filter, SearchCursor? after,
        RankedPage page, int depth, int rows, int offset, int leaderCount, bool restAllowed, CancellationToken cancellationToken)
    {
        while (ReadDeeper(page, depth, offset + rows, leaderCount))
        {
            depth = Math.Min(depth * Deeper, MaxDepth(leaderCount));
            await using var command = new NpgsqlCommand(
                LeaderStatement.Ranked(filter, after, depth, MaxDepth(leaderCount), rows, offset, restAllowed), connection);
            command.Parameters.AddRange(filter.Parameters());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            page = await ReadAsync(reader, cancellationToken);
        }

        return (page, depth);
    }
}
