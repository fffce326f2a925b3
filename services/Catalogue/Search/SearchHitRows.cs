using Federation.Contracts.Catalogue;
using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// A hit read from a row that starts with the display columns of the search table (<see cref="Columns"/>), in that
/// order, and carries its rank, snippet and use at the ordinals the statement put them.
/// </summary>
internal static class SearchHitRows
{
    public const string Columns = "s.id, s.hub_id, s.kind, s.title, s.summary, s.licence, s.access_policy, s.keywords, s.themes, s.version, s.modified_at";

    public const string UseColumns = "s.downloads, s.access_requests, s.introductions, s.popularity";

    /// <param name="snippet">The ordinal of the snippet, or null when the statement has none.</param>
    /// <param name="use">The ordinal of the first of <see cref="UseColumns"/>.</param>
    public static SearchHit Read(NpgsqlDataReader reader, int rank, int? snippet, int use) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.GetString(6), reader.GetFieldValue<string[]>(7), reader.GetFieldValue<string[]>(8), reader.GetInt32(9),
            reader.GetFieldValue<DateTimeOffset>(10), reader.GetFloat(rank),
            snippet is { } at && !reader.IsDBNull(at) ? Snippets.ToHtml(reader.GetString(at)) : null)
        {
            Use = new ResourceUse(reader.GetInt64(use), reader.GetInt64(use + 1), reader.GetInt64(use + 2)),
            Popularity = reader.GetFloat(use + 3),
        };
}
