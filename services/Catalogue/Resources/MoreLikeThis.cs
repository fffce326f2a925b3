using Federation.Catalogue.Search;
using Federation.Catalogue.Search.Expansion;
using Federation.Contracts.Catalogue;
using Npgsql;

namespace Federation.Catalogue.Resources;

/// <summary>
/// "More like this": the published resources of any hub most like one resource. Candidates share a keyword with it,
/// are linked to it by lineage (a model trained on this dataset, or the datasets this model was trained on), or share
/// words of its title and keywords, in either language (the vocabulary's translations join them). Their score adds the
/// text's rank to shared keywords, shared themes and lineage, with the same small lift for popularity as search.
/// </summary>
/// <remarks>
/// Each kind of candidate is bounded, so the work is too however large the catalogue: keywords through the filter
/// tags' index (the most recent 200 sharers), words among the <see cref="RecentRows"/> most recently modified
/// resources only (checked along the recency index; through the text index, a common word would first list a third of
/// the catalogue), lineage as it is. An older resource that shares only words, not keywords, is not found: the price
/// of the bound.
/// </remarks>
public sealed class MoreLikeThis(NpgsqlDataSource database, QueryExpansion expansion)
{
    private const int CandidatesByKeyword = 200;
    private const int CandidatesByText = 300;
    private const int RecentRows = 5_000;

    // What each shared thing adds to the score, beside the words' rank.
    private const double PerSharedKeyword = 0.3;
    private const double PerSharedTheme = 0.15;
    private const double ForLineage = 1;

    /// <summary>The most similar resources, or null when <paramref name="id"/> is no published resource.</summary>
    public async Task<IReadOnlyList<SearchHit>?> FindAsync(Guid id, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        string title;
        string[] keywords;
        await using (var me = new NpgsqlCommand("SELECT title, keywords FROM catalogue_search WHERE id = $1", connection))
        {
            me.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await me.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (title, keywords) = (reader.GetString(0), reader.GetFieldValue<string[]>(1));
        }

        // The title's and keywords' words, and their translations: any of them makes a candidate (OR, not AND).
        var words = string.Join(' ', [title, .. keywords]);
        var widened = expansion.Expand(Unquoted(words), translate: true);
        var translations = string.Join(' ', widened.Translations);
        await using var command = new NpgsqlCommand($$"""
            WITH me AS (SELECT id, keywords, themes, ARRAY(SELECT 'keyword:' || k FROM unnest(keywords) k) AS keyword_tags FROM catalogue_search WHERE id = $1),
                 recent AS (SELECT modified_at FROM catalogue_search ORDER BY modified_at DESC, id DESC OFFSET {{RecentRows - 1}} LIMIT 1),
                 q AS (SELECT {{AnyOf("$2")}} AS q, {{AnyOf("$4")}} AS translated),
                 linked AS (SELECT dataset_id AS id FROM catalogue_lineage WHERE model_id = $1
                            UNION SELECT model_id FROM catalogue_lineage WHERE dataset_id = $1),
                 candidates AS (
                     (SELECT s.id FROM catalogue_search s, me WHERE s.filter_tags && me.keyword_tags AND s.id <> me.id
                       ORDER BY s.modified_at DESC LIMIT {{CandidatesByKeyword}})
                     UNION (SELECT s.id FROM catalogue_search s, q
                             WHERE (s.document @@ (q.q || q.translated)) IS TRUE AND s.id <> $1
                               AND s.modified_at >= coalesce((SELECT modified_at FROM recent), '-infinity')
                             ORDER BY s.modified_at DESC LIMIT {{CandidatesByText}})
                     UNION SELECT id FROM linked WHERE id <> $1)
            SELECT {{SearchHitRows.Columns}}, score, {{SearchHitRows.UseColumns}}
              FROM (SELECT s.id, ((ts_rank_cd(s.document, q.q) + {{Number(SearchFilter.WidenedWeight)}} * ts_rank_cd(s.document, q.translated)
                          + {{Number(PerSharedKeyword)}} * cardinality(ARRAY(SELECT unnest(s.keywords) INTERSECT SELECT unnest(me.keywords)))
                          + {{Number(PerSharedTheme)}} * cardinality(ARRAY(SELECT unnest(s.themes) INTERSECT SELECT unnest(me.themes)))
                          + CASE WHEN s.id IN (SELECT id FROM linked) THEN {{Number(ForLineage)}} ELSE 0 END)
                          * catalogue_lift(s.popularity))::real AS score
                      FROM candidates c JOIN catalogue_search s ON s.id = c.id, me, q) scored
              JOIN catalogue_search s ON s.id = scored.id
             ORDER BY score DESC, s.modified_at DESC, s.id DESC LIMIT $3
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = Unquoted(words) });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = Unquoted(translations) });
        var hits = new List<SearchHit>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(SearchHitRows.Read(reader, rank: 11, snippet: null, use: 12));
            }
        }

        return hits;
    }

    private static string Number(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Any of the words (the web-search query requires all of them): an OR of the same lexemes.
    private static string AnyOf(string parameter) => $"replace(catalogue_search_query({parameter})::text, ' & ', ' | ')::tsquery";

    // A title is words, not web-search syntax: quotes, minus signs and "or" in it must not become operators.
    private static string Unquoted(string text) =>
        string.Join(' ', text.Replace('"', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.TrimStart('-')).Where(word => word.Length > 0 && !word.Equals("or", StringComparison.OrdinalIgnoreCase)));
}
