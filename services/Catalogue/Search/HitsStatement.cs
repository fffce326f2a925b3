namespace Federation.Catalogue.Search;

/// <summary>
/// The statement for one page of hits, one row more than the page shows (to know whether there is a next page),
/// with snippets for those rows only.
/// </summary>
/// <remarks>
/// Newest first (sort=modified, or no text) walks the recency index and stops after the page. Relevance ranks the
/// matches inside the ranking window, those modified at or after its edge, and continues with the older matches,
/// newest first: part 0 and part 1, whose rows carry their part number for the cursor. Without an edge (fewer
/// matches than the window holds) every match is ranked.
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
                SELECT id, modified_at, {rank}, 1 FROM catalogue_search
                 WHERE {filter.Where} AND (modified_at, id) < {edgeKey}{after}
                 ORDER BY modified_at DESC, id DESC LIMIT {limit}
                """);
        }

        return $"""
            SELECT {Columns}, h.rank, {snippet}, h.segment
              FROM ({string.Join("\nUNION ALL\n", parts.Select(part => $"({part})"))}) h
              JOIN catalogue_search s ON s.id = h.id
             ORDER BY h.segment, h.rank DESC, h.modified_at DESC, h.id DESC
             LIMIT {request.PageSize + 1} OFFSET {offset}
            """;
    }

    private static string Newest(SearchFilter filter, SearchCursor? cursor, string rank, string snippet, int limit, int offset)
    {
        var after = cursor is null ? "" : $" AND (s.modified_at, s.id) < ({filter.Parameter(cursor.ModifiedAt)}, {filter.Parameter(cursor.Id)})";
        return $"""
            SELECT {Columns}, {rank}, {snippet}, 0
              FROM catalogue_search s
             WHERE {filter.Where}{after}
             ORDER BY s.modified_at DESC, s.id DESC LIMIT {limit - offset} OFFSET {offset}
            """;
    }
}
