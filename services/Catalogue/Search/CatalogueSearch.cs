using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// Full-text search with facets over the search table, in one round trip: the page of hits, the total, and one
/// count query per facet, sent as a single batch.
/// </summary>
public sealed class CatalogueSearch(NpgsqlDataSource database)
{
    private const int FacetValuesShown = 25;

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var (where, parameters) = SearchFilter.Build(request);
        var rank = request.Text is null ? "0::real" : "ts_rank_cd(document, catalogue_search_query($1))";
        batch.BatchCommands.Add(Command($"""
            SELECT id, hub_id, kind, title, summary, licence, access_policy, keywords, themes, version, modified_at, {rank} AS rank
              FROM catalogue_search WHERE {where}
             ORDER BY rank DESC, modified_at DESC, id
             LIMIT {request.PageSize} OFFSET {(request.Page - 1) * request.PageSize}
            """, parameters));
        batch.BatchCommands.Add(Command($"SELECT count(*) FROM catalogue_search WHERE {where}", Clone(parameters)));
        var facets = SearchFilter.FacetDimensions.ToList();
        foreach (var (name, column, isArray) in facets)
        {
            var (facetWhere, facetParameters) = SearchFilter.Build(request, except: name);
            var source = isArray ? $"catalogue_search, unnest({column}) AS value" : "catalogue_search";
            var value = isArray ? "value" : column;
            batch.BatchCommands.Add(Command($"""
                SELECT {value}, count(*) FROM {source} WHERE {facetWhere}
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
                reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetFloat(11)));
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

        return new SearchResult(total, request.Page, request.PageSize, hits, facetCounts);
    }

    private static NpgsqlBatchCommand Command(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }

    private static List<NpgsqlParameter> Clone(List<NpgsqlParameter> parameters) =>
        parameters.Select(p => new NpgsqlParameter { Value = p.Value }).ToList();
}
