namespace Federation.Catalogue.Search;

/// <summary>
/// The statement for one page of hits, one row more than the page shows (to know whether there is a next page),
/// with snippets for those rows only.
/// </summary>
/// <remarks>
/// Newest first (sort=modified, or no text) walks the recency index and stops after the page. Relevance ranks the
/// matches inside the ranking window, those modified at or after its edge, and continues with the older matches,
/// newest first: part 0 and part 1, whose rows carry their part number for the cursor (the rank of a row in part 1
/// is shown but does not order it). Without an edge (fewer matches than the window holds) every match is ranked.
/// </remarks>
internal static class HitsStatement
{
    private const string Columns = "s.id, s.hub_id, s.kind, s.title, s.summary, s.licence, s.access_policy, s.keywords, s.themes, s.version, s.modified_at";

    public static string Build(SearchRequest request, SearchFilter filter, (DateTimeOffset ModifiedAt, Guid Id)? edge)
    {
        var offset = request.After is null ? (request.Page - 1) * request.PageSize : 0;
        var limit = offset + request.PageSize + 1;
        var cursor = request.After;
        if (filter.Query is not { } query)
        {
            return Newest(filter, cursor, "0::real", "NULL::text", limit, offset);
        }

        var rank = $"ts_rank_cd(document, {query})::real";
        var snippet = $"catalogue_search_snippet(s.summary, {query})";
        if (request.Sort == SearchSort.Modified)
        {
            return Newest(filter, cursor, rank, snippet, limit, offset);
        }

        var parts = new List<string>();
        string? edgeKey = null;
        if (edge is { } window)
        {
            edgeKey = $"({filter.Parameter(window.ModifiedAt)}, {filter.Parameter(window.Id)})";
        }

        if (cursor is not { Segment: 1 })
        {
            var inWindow = edgeKey is null ? "" : $" AND (modified_at, id) >= {edgeKey}";
            var after = cursor is null ? "true"
                : $"(rank, modified_at, id) < ({filter.Parameter(cursor.Rank)}, {filter.Parameter(cursor.ModifiedAt)}, {filter.Parameter(cursor.Id)})";
            parts.Add($"""
                SELECT id, modified_at, rank, 0 AS segment
                  FROM (SELECT id, modified_at, {rank} AS rank FROM catalogue_search WHERE {filter.Where}{inWindow}) ranked
                 WHERE {after}
                 ORDER BY rank DESC, modified_at DESC, id DESC LIMIT {limit}
                """);
        }

        if (edgeKey is not null)
        {
            var after = cursor is { Segment: 1 } ? $" AND (modified_at, id) < ({filter.Parameter(cursor.ModifiedAt)}, {filter.Parameter(cursor.Id)})" : "";
            parts.Add($"""
                SELECT id, modified_at, {rank} AS rank, 1 AS segment FROM catalogue_search
                 WHERE {filter.Where} AND (modified_at, id) < {edgeKey}{after}
                 ORDER BY modified_at DESC, id DESC LIMIT {limit}
                """);
        }

        return $"""
            SELECT {Columns}, h.rank, {snippet}, h.segment, NULL::timestamptz, NULL::uuid
              FROM ({string.Join("\nUNION ALL\n", parts.Select(part => $"({part})"))}) h
              JOIN catalogue_search s ON s.id = h.id
             ORDER BY h.segment, CASE h.segment WHEN 0 THEN h.rank END DESC, h.modified_at DESC, h.id DESC
             LIMIT {request.PageSize + 1} OFFSET {offset}
            """;
    }

    /// <summary>
    /// The first page of a relevance search: the window (the most recent matches, up to <paramref name="window"/>)
    /// ranked, in one walk that also gives the window's edge, its oldest member, on every row when the window is full.
    /// </summary>
    public static string FirstRanked(SearchRequest request, SearchFilter filter, int window)
    {
        var query = filter.Query ?? throw new InvalidOperationException("Relevance needs text.");
        var rows = request.PageSize + 1;
        // Only a window smaller than the page (a setting for tests) leaves room on the first page for older matches.
        var older = window >= rows ? "" : $"""
            UNION ALL
            (SELECT c.id, c.modified_at, ts_rank_cd(c.document, {query})::real, 1 FROM catalogue_search c, edge
              WHERE {filter.Where} AND (c.modified_at, c.id) < (edge.modified_at, edge.id)
              ORDER BY c.modified_at DESC, c.id DESC LIMIT {rows})
            """;
        return $"""
            WITH recent AS MATERIALIZED (
                SELECT id, modified_at, ts_rank_cd(document, {query})::real AS rank FROM catalogue_search
                 WHERE {filter.Where} ORDER BY modified_at DESC, id DESC LIMIT {window}),
            edge AS (SELECT modified_at, id FROM recent WHERE (SELECT count(*) FROM recent) = {window} ORDER BY modified_at, id LIMIT 1)
            SELECT {Columns}, h.rank, catalogue_search_snippet(s.summary, {query}), h.segment, edge.modified_at, edge.id
              FROM ((SELECT id, modified_at, rank, 0 AS segment FROM recent ORDER BY rank DESC, modified_at DESC, id DESC LIMIT {rows})
                    {older}) h
              JOIN catalogue_search s ON s.id = h.id
              LEFT JOIN edge ON true
             ORDER BY h.segment, CASE h.segment WHEN 0 THEN h.rank END DESC, h.modified_at DESC, h.id DESC
             LIMIT {rows}
            """;
    }

    private static string Newest(SearchFilter filter, SearchCursor? cursor, string rank, string snippet, int limit, int offset)
    {
        var after = cursor is null ? "" : $" AND (s.modified_at, s.id) < ({filter.Parameter(cursor.ModifiedAt)}, {filter.Parameter(cursor.Id)})";
        return $"""
            SELECT {Columns}, {rank}, {snippet}, 0, NULL::timestamptz, NULL::uuid
              FROM catalogue_search s
             WHERE {filter.Where}{after}
             ORDER BY s.modified_at DESC, s.id DESC LIMIT {limit - offset} OFFSET {offset}
            """;
    }
}
