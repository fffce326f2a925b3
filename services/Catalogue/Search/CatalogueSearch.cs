using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// Full-text search with facets over the search table, in one round trip: the page of hits (ordered by relevance or
/// recency, continued by a keyset cursor), the total, and one count query per facet, sent as a single batch.
/// </summary>
public sealed class CatalogueSearch(NpgsqlDataSource database)
{
    private const int FacetValuesShown = 25;

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var (where, parameters) = SearchFilter.Build(request, out var query);
        var countParameters = Clone(parameters);
        var rank = query is null ? "0::real" : $"ts_rank_cd(document, {query})::real";
        var snippet = query is null ? "NULL::text" : $"catalogue_search_snippet(summary, {query})";
        var (order, after) = request.Sort == SearchSort.Relevance
            ? ("rank DESC, modified_at DESC, id DESC", "(rank, modified_at, id) < ($r, $m, $i)")
            : ("modified_at DESC, id DESC", "(modified_at, id) < ($m, $i)");
        var keyset = "true";
        if (request.After is { } cursor)
        {
            parameters.Add(new NpgsqlParameter { Value = cursor.Rank, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Real });
            parameters.Add(new NpgsqlParameter { Value = cursor.ModifiedAt });
            parameters.Add(new NpgsqlParameter { Value = cursor.Id });
            var count = parameters.Count;
            keyset = after.Replace("$r", $"${count - 2}", StringComparison.Ordinal).Replace("$m", $"${count - 1}", StringComparison.Ordinal)
                .Replace("$i", $"${count}", StringComparison.Ordinal);
        }

        // One row more than the page shows, to know whether there is a next page. Snippets only for the rows shown.
        var offset = request.After is null ? (request.Page - 1) * request.PageSize : 0;
        batch.BatchCommands.Add(Command($"""
            SELECT id, hub_id, kind, title, summary, licence, access_policy, keywords, themes, version, modified_at, rank, {snippet}
              FROM (SELECT id, hub_id, kind, title, summary, licence, access_policy, keywords, themes, version, modified_at, {rank} AS rank
                      FROM catalogue_search WHERE {where}) hits
             WHERE {keyset}
             ORDER BY {order}
             LIMIT {request.PageSize + 1} OFFSET {offset}
            """, parameters));
        batch.BatchCommands.Add(Command($"SELECT count(*) FROM catalogue_search WHERE {where}", countParameters));
        var facets = SearchFilter.FacetDimensions.ToList();
        foreach (var (name, column, isArray) in facets)
        {
            var (facetWhere, facetParameters) = SearchFilter.Build(request, except: name);
            var source = isArray ? $"catalogue_search, unnest({column}) AS value" : "catalogue_search";
            var value = isArray ? "value" : column;
            batch.BatchCommands.Add(Command($"""
                SELECT {value}, count(*) FROM {source} WHERE {facetWhere} AND {value} IS NOT NULL
                 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {FacetValuesShown}
                """, facetParameters));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetFieldValue<string[]>(7), reader.GetFieldValue<string[]>(8),
                reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetFloat(11),
                Snippets.ToHtml(reader.IsDBNull(12) ? null : reader.GetString(12))));
        }

        string? next = null;
        if (hits.Count > request.PageSize)
        {
            hits.RemoveAt(hits.Count - 1);
            var last = hits[^1];
            next = new SearchCursor((float)last.Rank, last.ModifiedAt, last.Id, SearchCursor.QueryKeyOf(request)).Encode();
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        var facetCounts = new Dictionary<string, IReadOnlyList<FacetCount>>();
        foreach (var (name, _, _) in facets)
        {
            await reader.NextResultAsync(cancellationToken);
            var counts = new List<FacetCount>();
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add(new FacetCount(reader.GetString(0), reader.GetInt64(1)));
            }

            facetCounts[name] = counts;
        }

        return new SearchResult(total, request.Page, request.PageSize, hits, facetCounts, request.Sort.ToString().ToLowerInvariant(), next);
    }

    private static NpgsqlBatchCommand Command(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }

    private static List<NpgsqlParameter> Clone(List<NpgsqlParameter> parameters) =>
        parameters.Select(p => new NpgsqlParameter { Value = p.Value, NpgsqlDbType = p.NpgsqlDbType }).ToList();
}
