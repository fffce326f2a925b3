using System.Globalization;

namespace Federation.Catalogue.Search.Leaders;

/// <summary>
/// The statements of a large relevance search found through the leaders of its words (schema step 5): the ranked part,
/// and the rest below its bound.
/// </summary>
/// <remarks>
/// A row's rank is the sum of each word's weight in it (times at most 1 for the words typed, and its popularity's lift,
/// which each weight already holds). A row outside the first <c>depth</c> leaders of a frequent word ranks at or below
/// the depth-th of them for that word (or the word's floor, if higher); a row outside the matches of the other words
/// has none of them. So no row outside those leaders and matches ranks above the sum of those bounds: every candidate
/// above it is in exact order. Equal to it, a row outside is older than every bounding leader, which orders candidates
/// equal to the bound and newer. Sums of single-precision ranks are compared within <see cref="Tolerance"/> (ranks of
/// rows that differ at all differ by more: weights are multiples of 0.1, lifts of 0.005).
/// </remarks>
internal static class LeaderStatement
{
    public const double Tolerance = 1e-5;

    private const string Columns = SearchHitRows.Columns;
    private const string UseColumns = SearchHitRows.UseColumns;

    /// <summary>The ordinals after <see cref="SearchHitRows.Columns"/> (0–10) of a <see cref="Ranked"/> row.</summary>
    public const int RankColumn = 11, SnippetColumn = 12, BoundRankColumn = 13, BoundModifiedColumn = 14, BoundIdColumn = 15,
        DeeperColumn = 16, CertifiedColumn = 17, VouchedColumn = 18, UseColumn = 19;

    /// <summary>
    /// The page of the ranked part that starts <paramref name="offset"/> rows below the cursor (or the top), read from
    /// the first <paramref name="depth"/> leaders of each frequent word and every match of the other words. Always one
    /// row at least: the bound, whether reading deeper could vouch for more, how many of the first
    /// <paramref name="offset"/> + <paramref name="rows"/> rows below the cursor it vouches for, and for how many
    /// candidates in all (above the cursor too); hit columns are null past the last hit.
    /// </summary>
    public static string Ranked(SearchFilter filter, SearchCursor? after, int depth, int rows, int offset)
    {
        var keyset = after is null ? ""
            : $" AND (r.rank, r.modified_at, r.id) < ({filter.Parameter(after.Rank)}, {filter.Parameter(after.ModifiedAt)}, {filter.Parameter(after.Id)})";
        var limit = offset + rows;
        return $"""
            WITH lexemes AS MATERIALIZED (SELECT catalogue_query_lexemes({filter.Positive}) AS words),
                 bound AS MATERIALIZED (SELECT b.* FROM lexemes, catalogue_leader_bound(lexemes.words, {depth}) b),
                 candidates AS MATERIALIZED (SELECT c.id FROM lexemes, catalogue_leader_candidates(lexemes.words, {depth}) c(id)),
                 -- Each candidate looked up by its id: the text index would list every match of a phrase or common word first.
                 ranked AS MATERIALIZED (
                   SELECT r.id, r.modified_at, r.rank, {Certified("r.rank", "r.modified_at", "r.id", "b.rank", "b.modified_at", "b.id")} AS vouched
                     FROM candidates c
                     CROSS JOIN LATERAL (SELECT id, modified_at, {filter.Rank(null)} AS rank FROM catalogue_search
                                          WHERE id = c.id AND ({filter.Where}) IS TRUE) r, bound b),
                 certified AS MATERIALIZED (
                   SELECT r.id, r.modified_at, r.rank FROM ranked r
                    WHERE r.vouched{keyset}
                    ORDER BY r.rank DESC, r.modified_at DESC, r.id DESC LIMIT {limit})
            SELECT {Columns}, h.rank, catalogue_search_snippet(s.summary, {filter.Query}),
                   b.rank, b.modified_at, b.id, b.deeper, (SELECT count(*) FROM certified), (SELECT count(*) FROM ranked WHERE vouched), {UseColumns}
              FROM bound b
              LEFT JOIN (SELECT * FROM certified ORDER BY rank DESC, modified_at DESC, id DESC LIMIT {rows} OFFSET {offset}) h ON true
              LEFT JOIN catalogue_search s ON s.id = h.id
             ORDER BY h.rank DESC, h.modified_at DESC, h.id DESC
            """;
    }

    /// <summary>
    /// A page of the rest: the matches below <paramref name="bound"/>, newest first, along the recency index (after the
    /// cursor's row when it is in the rest), their rank computed on the way. Rows as <see cref="SearchHitRows"/>, rank 11, snippet 12, use 13.
    /// </summary>
    public static string Rest(SearchFilter filter, LeaderBound bound, SearchCursor? after, int rows, int offset)
    {
        // Without bounding leaders no row equal to the bound is newer than them: the latest time there is.
        var (rank, modified, id) = (filter.Parameter(bound.Rank), filter.Parameter(bound.ModifiedAt ?? DateTimeOffset.MaxValue),
            filter.Parameter(bound.Id ?? Guid.Empty));
        var older = after is { Segment: 1 }
            ? $" AND (modified_at, id) < ({filter.Parameter(after.ModifiedAt)}, {filter.Parameter(after.Id)})"
            : "";
        return $"""
            SELECT {Columns}, h.rank, catalogue_search_snippet(s.summary, {filter.Query}), {UseColumns}
              FROM (SELECT id, modified_at, rank
                      FROM (SELECT id, modified_at, {filter.Rank(null)} AS rank FROM catalogue_search WHERE {filter.WhereScanningText}{older}) m
                     WHERE NOT {Certified("rank", "modified_at", "id", rank, modified, id)}
                     ORDER BY modified_at DESC, id DESC LIMIT {rows} OFFSET {offset}) h
              JOIN catalogue_search s ON s.id = h.id
             ORDER BY h.modified_at DESC, h.id DESC
            """;
    }

    // Above the bound, or equal to it and newer than every bounding leader. IS TRUE: without bounding leaders, equal is not enough.
    private static string Certified(string rank, string modified, string id, string bound, string boundModified, string boundId)
    {
        var above = (1 + Tolerance).ToString("R", CultureInfo.InvariantCulture);
        var equal = (1 - Tolerance).ToString("R", CultureInfo.InvariantCulture);
        return $"(({rank} > {bound} * {above} OR ({rank} >= {bound} * {equal} AND ({modified}, {id}) > ({boundModified}, {boundId}))) IS TRUE)";
    }
}
