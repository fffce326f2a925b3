namespace Federation.Catalogue.Search;

/// <summary>
/// The statement for one page of hits, one row more than the page shows (to know whether there is a next page),
/// with rank and snippet computed for those rows only. Each row also carries its part (below) and the ranking
/// window's edge when the statement found one.
/// </summary>
/// <remarks>
/// Newest first (sort=modified, or no text) walks the recency index and stops after the page; so does most used first.
/// Relevance ranks every match of a small result. A large one is found through its words' leaders
/// (<see cref="Leaders.LeaderStatement"/>), unless it has a prefix term: then relevance ranks the matches inside a
/// ranking window, the matches among the most recently modified resources (those modified at or after
/// <c>scanEdge</c>, found by checking those rows along the recency index, which the text index would make list every
/// match first), at most <c>window</c> of them (<c>Search:ScanRankLimit</c>), and continues with the older matches,
/// newest first: part 0 and part 1. The window is found on the first page and then kept by the cursor.
/// </remarks>
internal static class HitsStatement
{
    private const string Columns = SearchHitRows.Columns;

    // After the rank, snippet, part and edge columns.
    private const string UseColumns = SearchHitRows.UseColumns;

    public static string Build(SearchRequest request, SearchFilter filter, int window, bool large, DateTimeOffset? scanEdge)
    {
        var offset = request.After is null ? (request.Page - 1) * request.PageSize : 0;
        var rows = request.PageSize + 1;
        var limit = offset + rows;
        var cursor = request.After;
        var where = large ? filter.WhereScanningText : filter.Where;
        if (filter.Query is not { } query || request.Sort != SearchSort.Relevance)
        {
            return Listed(filter, where, cursor, rows, offset, request.Sort == SearchSort.Popularity);
        }

        var parts = new List<string>();
        var ctes = new List<string>();
        if (cursor is not null)
        {
            string Keyset() => $"(rank, modified_at, id) < ({filter.Parameter(cursor.Rank)}, {filter.Parameter(cursor.ModifiedAt)}, {filter.Parameter(cursor.Id)})";
            if (cursor.Edge is not { } edge)
            {
                parts.Add(Ranked(filter.Where, filter.Rank(null), Keyset(), limit));
            }
            else
            {
                var edgeRow = $"({filter.Parameter(edge.ModifiedAt)}, {filter.Parameter(edge.Id)})";
                if (cursor.Segment == 0)
                {
                    parts.Add(Ranked($"{where} AND (modified_at, id) >= {edgeRow}", filter.Rank(null), Keyset(), limit));
                }

                var after = cursor.Segment == 1 ? $" AND (modified_at, id) < ({filter.Parameter(cursor.ModifiedAt)}, {filter.Parameter(cursor.Id)})" : "";
                parts.Add(Older($"{where} AND (modified_at, id) < {edgeRow}{after}", limit));
            }
        }
        else if (large && scanEdge is { } scanFrom)
        {
            // The most recent matches among the rows modified at or after scanEdge, along the recency index, at most
            // the window's worth: a common word (or its translation) can match nearly every one of those rows, and
            // ranking is the costly part. The edge is the window's oldest match when it is full, else the start of
            // the walk (with the smallest uuid, so "at or after it" means "modified at or after its time").
            var edgeTime = filter.Parameter(scanFrom);
            ctes.Add($"recent AS MATERIALIZED (SELECT id, modified_at FROM catalogue_search WHERE {where} AND modified_at >= {edgeTime} ORDER BY modified_at DESC, id DESC LIMIT {window})");
            ctes.Add($"""
                edge AS ((SELECT modified_at, id FROM recent WHERE (SELECT count(*) FROM recent) = {window} ORDER BY modified_at, id LIMIT 1)
                         UNION ALL
                         SELECT {edgeTime}::timestamptz, '{Guid.Empty}'::uuid WHERE (SELECT count(*) FROM recent) < {window})
                """);
            parts.Add($"""
                SELECT r.id, r.modified_at, {filter.Rank("c")} AS rank, 0 AS segment
                  FROM recent r JOIN catalogue_search c ON c.id = r.id
                 ORDER BY 3 DESC, 2 DESC, 1 DESC LIMIT {limit}
                """);
            parts.Add(Older($"{where} AND (modified_at, id) < (SELECT modified_at, id FROM edge)", limit));
        }
        else
        {
            // Every match ranked: the result is small, or its words have no leaders to start from.
            parts.Add(Ranked(filter.Where, filter.Rank(null), "true", limit));
        }

        var edgeColumns = ctes.Count == 0 ? "NULL::timestamptz, NULL::uuid" : "edge.modified_at, edge.id";
        return $"""
            {(ctes.Count == 0 ? "" : "WITH " + string.Join(",\n", ctes))}
            SELECT {Columns}, {filter.Rank("s")}, catalogue_search_snippet(s.summary, {query}), h.segment, {edgeColumns}, {UseColumns}
              FROM ({string.Join("\nUNION ALL\n", parts.Select(part => $"({part})"))}) h
              JOIN catalogue_search s ON s.id = h.id
              {(ctes.Count == 0 ? "" : "LEFT JOIN edge ON true")}
             ORDER BY h.segment, CASE h.segment WHEN 0 THEN h.rank END DESC, h.modified_at DESC, h.id DESC
             LIMIT {rows} OFFSET {offset}
            """;
    }

    private static string Ranked(string where, string rank, string keyset, int limit) => $"""
        SELECT id, modified_at, rank, 0 AS segment
          FROM (SELECT id, modified_at, {rank} AS rank FROM catalogue_search WHERE {where}) ranked
         WHERE {keyset}
         ORDER BY rank DESC, modified_at DESC, id DESC LIMIT {limit}
        """;

    // The rank of an older match is shown but does not order it: 0 here, computed for the rows shown.
    private static string Older(string where, int limit) => $"""
        SELECT id, modified_at, 0::real AS rank, 1 AS segment FROM catalogue_search
         WHERE {where}
         ORDER BY modified_at DESC, id DESC LIMIT {limit}
        """;

    // Newest first, or most used first (then newest), along their indexes.
    private static string Listed(SearchFilter filter, string where, SearchCursor? cursor, int rows, int offset, bool byPopularity)
    {
        var key = byPopularity ? "s.popularity, s.modified_at, s.id" : "s.modified_at, s.id";
        var after = cursor is null ? ""
            : byPopularity ? $" AND ({key}) < ({filter.Parameter(cursor.Rank)}, {filter.Parameter(cursor.ModifiedAt)}, {filter.Parameter(cursor.Id)})"
            : $" AND ({key}) < ({filter.Parameter(cursor.ModifiedAt)}, {filter.Parameter(cursor.Id)})";
        var (rank, snippet) = filter.Query is { } query
            ? (filter.Rank("s"), $"catalogue_search_snippet(s.summary, {query})")
            : ("0::real", "NULL::text");
        var order = string.Join(", ", key.Split(", ").Select(column => column + " DESC"));
        return $"""
            SELECT {Columns}, {rank}, {snippet}, 0, NULL::timestamptz, NULL::uuid, {UseColumns}
              FROM catalogue_search s
             WHERE {where}{after}
             ORDER BY {order} LIMIT {rows} OFFSET {offset}
            """;
    }
}
