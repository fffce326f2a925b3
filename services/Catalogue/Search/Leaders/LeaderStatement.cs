using System.Globalization;

namespace Federation.Catalogue.Search.Leaders;

/// <summary>
/// The statements of a large relevance search found through the leaders of its words (schema step 5): a page of the
/// ranked part, and a page of the rest, the matches below the bound, newest first.
/// </summary>
/// <remarks>
/// A row's rank is, over the parts of the text, the sum of the best weighted alternative of each, an alternative's
/// value being the sum of its words' weights in the row (with the row's popularity lift, which each word's weight in
/// its leaders already holds; see <see cref="SearchFilter.Rank"/>). A row outside the first <c>depth</c> leaders of a
/// frequent word ranks, for that word, at or below the depth-th of them (or the word's floor, if higher) in the order
/// (rank, modified_at, id); a row outside the matches of the other words has none of them. So no row outside those
/// leaders and matches ranks above the same sum of maxima taken over those bounds (<c>catalogue_leader_bound</c>):
/// every candidate above it is in exact order. Equal to it, a row outside is older than some bounding leader, so older
/// than the newest of them, which orders candidates equal to the bound and newer. Ranks are multiples of 0.00005
/// (weights of 0.1, lifts of 0.005, the widened 0.3) summed in single precision, so two that differ at all differ by
/// more than <see cref="Tolerance"/>, and rounding stays below it for ranks up to about 20; above that, a rank equal to
/// the bound may read as just above it.
/// </remarks>
internal static class LeaderStatement
{
    public const double Tolerance = 2e-5;

    private const string Columns = SearchHitRows.Columns;
    private const string UseColumns = SearchHitRows.UseColumns;

    /// <summary>The ordinals after <see cref="SearchHitRows.Columns"/> (0–10) of a row of either statement.</summary>
    public const int RankColumn = 11, SnippetColumn = 12, SegmentColumn = 13, DeeperColumn = 14, CertifiedColumn = 15,
        VouchedColumn = 16, UseColumn = 17;

    /// <summary>
    /// A page that starts <paramref name="offset"/> rows below the cursor (a cursor in the ranked part, or the top): the
    /// ranked rows the first <paramref name="depth"/> leaders of each frequent word and every match of the other words
    /// vouch for, and, when they vouch for too few and reading deeper would not help (no deeper leaders, the deepest
    /// reading, or a reading that vouched for nothing) and <paramref name="restAllowed"/>, the rest after them. Always
    /// one row at least, which says whether deeper leaders exist, how many of the first <paramref name="offset"/> +
    /// <paramref name="rows"/> rows below the cursor were vouched for, and for how many candidates in all (above the cursor too: where a
    /// search stops reading deeper must not depend on where its page starts, or pages by number and by cursor would
    /// disagree on where the ranked part ends); its hit
    /// columns are null when the page is empty.
    /// </summary>
    public static string Ranked(SearchFilter filter, SearchCursor? after, int depth, int maxDepth, int rows, int offset, bool restAllowed)
    {
        var limit = offset + rows;
        var below = after is null ? ""
            : $" AND (r.rank, r.modified_at, r.id) < ({filter.Parameter(after.Rank)}, {filter.Parameter(after.ModifiedAt)}, {filter.Parameter(after.Id)})";
        var terms = new SearchTerms(filter);
        var rest = Rest(filter, terms, after is null ? null : Key(filter, after.Rank, after.ModifiedAt, after.Id), older: null, ceilingIsLastRanked: false);
        var boundAndLexemes = BoundAndLexemes(filter, terms, depth);
        var ranking = filter.Rank(null, terms);
        var match = filter.WhereReadingTerms(terms);
        var snippet = $"catalogue_search_snippet(s.summary, {terms.Of(filter.Query!)})";
        return $"""
            WITH {terms.Definition()},
                 {boundAndLexemes},
                 candidates AS MATERIALIZED (SELECT c.id FROM lexemes, catalogue_leader_candidates(lexemes.words, {depth}) c(id)),
                 -- Each candidate looked up by its id (the text index would list every match of a phrase or common word
                 -- first), ranked once (OFFSET 0 keeps the rank from being computed again for each use of it).
                 ranked AS MATERIALIZED (
                   SELECT r.id, r.modified_at, r.rank, {Certified(KeyOf("r"), "b")} AS vouched
                     FROM candidates c
                     CROSS JOIN LATERAL (SELECT id, modified_at, {ranking} AS rank FROM catalogue_search
                                          WHERE id = c.id AND ({match}) IS TRUE OFFSET 0) r, bound b),
                 certified AS MATERIALIZED (
                   SELECT r.id, r.modified_at, r.rank FROM ranked r
                    WHERE r.vouched{below}
                    ORDER BY r.rank DESC, r.modified_at DESC, r.id DESC LIMIT {limit}),
                 page AS MATERIALIZED (
                   SELECT id, modified_at, rank, 0 AS segment FROM certified
                    ORDER BY rank DESC, modified_at DESC, id DESC LIMIT {rows} OFFSET {offset}),
                 counts AS MATERIALIZED (
                   SELECT (SELECT count(*) FROM certified) AS certified, (SELECT count(*) FROM ranked WHERE vouched) AS vouched),
                 -- Read only when the page needs it: a condition without columns, which the plan checks once, before
                 -- the walk; and a constant limit, which lets the planner stream the walk.
                 rest AS (
                   {rest}
                      AND {(restAllowed ? "true" : "false")} AND (SELECT certified FROM counts) < {limit}
                      AND NOT ((SELECT deeper FROM bound) AND (SELECT vouched FROM counts) > 0 AND {depth} < {maxDepth})
                    ORDER BY m.modified_at DESC, m.id DESC LIMIT {limit}),
                 rest_page AS (
                   SELECT * FROM rest ORDER BY modified_at DESC, id DESC
                   OFFSET greatest(0, {offset} - (SELECT certified FROM counts)) LIMIT ({rows} - (SELECT count(*) FROM page)))
            SELECT {Columns}, h.rank, {snippet}, h.segment,
                   b.deeper, (SELECT certified FROM counts), (SELECT vouched FROM counts), {UseColumns}
              FROM bound b
              LEFT JOIN (SELECT * FROM page UNION ALL SELECT * FROM rest_page) h ON true
              LEFT JOIN catalogue_search s ON s.id = h.id
             ORDER BY h.segment, CASE h.segment WHEN 0 THEN h.rank END DESC, h.modified_at DESC, h.id DESC
            """;
    }

    /// <summary>
    /// A page of the rest after a cursor in it: the matches below the bound of the cursor's depth, newest first, along
    /// the recency index, older than the cursor's row and below the last row of the ranked part it names.
    /// </summary>
    public static string RestAfter(SearchFilter filter, SearchCursor after, int depth, int rows)
    {
        (string, string, string)? ceiling = after.Ceiling is { } top ? Key(filter, top.Rank, top.ModifiedAt, top.Id) : null;
        var older = $"({filter.Parameter(after.ModifiedAt)}, {filter.Parameter(after.Id)})";
        var terms = new SearchTerms(filter);
        var boundAndLexemes = BoundAndLexemes(filter, terms, depth);
        var rest = Rest(filter, terms, ceiling, older, ceilingIsLastRanked: true);
        var snippet = $"catalogue_search_snippet(s.summary, {terms.Of(filter.Query!)})";
        return $"""
            WITH {terms.Definition()},
                 {boundAndLexemes},
                 rest AS (
                   {rest}
                    ORDER BY m.modified_at DESC, m.id DESC LIMIT {rows})
            SELECT {Columns}, h.rank, {snippet}, h.segment,
                   b.deeper, 0::bigint, 0::bigint, {UseColumns}
              FROM bound b
              LEFT JOIN rest h ON true
              LEFT JOIN catalogue_search s ON s.id = h.id
             ORDER BY h.modified_at DESC, h.id DESC
            """;
    }

    // The search's whole words, and the bound of the leaders read to the depth. The bound is always the catalogue's
    // own, never a client's: a cursor names a depth, which cannot make a search skip more than those leaders vouch for.
    private static string BoundAndLexemes(SearchFilter filter, SearchTerms terms, int depth)
    {
        var (parts, weights, queries) = filter.PartArguments(terms);
        return $"""
            lexemes AS MATERIALIZED (SELECT catalogue_query_lexemes({terms.Of(filter.Positive!)}) AS words),
                     bound AS MATERIALIZED (SELECT b.* FROM catalogue_leader_bound({parts}, {weights}, {queries}, {depth}) b)
            """;
    }

    // The matches the bound does not vouch for, along the recency index (the text condition written so that the planner
    // cannot take the text index, which would first list every match, and inline rather than read from the terms: with
    // filters, the planner weighs this walk against the filters' index by the match's estimate), ranked on the way. The subquery must stay open
    // to the planner (no OFFSET 0 fence): only then does the walk stream and stop at the page's end. After a ceiling
    // (the last row of the ranked part shown) that the bound still vouches for, the rest is every match below it,
    // whatever the bound says now: a row the bound has come to vouch for since was never shown in the ranked part, and
    // one it no longer vouches for was shown there. A ceiling it does not vouch for (the bound has risen past it, or the
    // cursor was made up) is left aside for the bound: a walk never skips more than the bound's own rows. On the page
    // where the ranked part ends, the ceiling is the cursor the page starts from, and the rest is what the bound does
    // not vouch for (the page's ranked rows are those it does), below that cursor.
    private static string Rest(SearchFilter filter, SearchTerms terms, (string Rank, string ModifiedAt, string Id)? ceiling, string? older, bool ceilingIsLastRanked) => $"""
        SELECT m.id, m.modified_at, m.rank, 1 AS segment
                     FROM (SELECT id, modified_at, {filter.Rank(null, terms)} AS rank FROM catalogue_search
                            WHERE {filter.WhereScanningText}{(older is null ? "" : $" AND (modified_at, id) < {older}")}) m, bound b
                    WHERE {(ceiling is not { } top ? $"NOT {Certified(KeyOf("m"), "b")}"
                        : ceilingIsLastRanked ? $"CASE WHEN {Certified(top, "b")} THEN (m.rank, m.modified_at, m.id) < ({top.Rank}, {top.ModifiedAt}, {top.Id}) ELSE NOT {Certified(KeyOf("m"), "b")} END"
                        : $"NOT {Certified(KeyOf("m"), "b")} AND (NOT {Certified(top, "b")} OR (m.rank, m.modified_at, m.id) < ({top.Rank}, {top.ModifiedAt}, {top.Id}))")}
        """;

    private static (string Rank, string ModifiedAt, string Id) Key(SearchFilter filter, float rank, DateTimeOffset modifiedAt, Guid id) =>
        ($"{filter.Parameter(rank)}::real", $"{filter.Parameter(modifiedAt)}::timestamptz", $"{filter.Parameter(id)}::uuid");

    private static (string Rank, string ModifiedAt, string Id) KeyOf(string alias) => ($"{alias}.rank", $"{alias}.modified_at", $"{alias}.id");

    // Above the bound, or equal to it and newer than the newest bounding leader. IS TRUE: without bounding leaders, equal is not enough.
    private static string Certified((string Rank, string ModifiedAt, string Id) row, string bound)
    {
        var tolerance = Tolerance.ToString("R", CultureInfo.InvariantCulture);
        return $"(({row.Rank} > {bound}.rank + {tolerance} OR ({row.Rank} >= {bound}.rank - {tolerance} AND ({row.ModifiedAt}, {row.Id}) > ({bound}.modified_at, {bound}.id))) IS TRUE)";
    }
}
