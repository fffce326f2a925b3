using Npgsql;

namespace Federation.Catalogue.Storage;

/// <summary>
/// The tag formats the search rows are in, seen from this catalogue's own (<see cref="TagFormat.Current"/>): older ones
/// to tag again, newer ones to leave alone. A format is newer when it was registered (first started) after this
/// catalogue's; a format nobody registered (rows from before formats were recorded, rows written by hand, or a format
/// an operator unregistered to have a rolled-back catalogue re-tag its rows) counts as older.
/// </summary>
internal sealed record TagFormats(IReadOnlyList<string> Stale, IReadOnlyList<string> Newer)
{
    public static async Task<TagFormats> ReadAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        // The distinct formats of the rows by skipping along the (tag_format, id) index, one probe per format, rather
        // than reading every row: there are a handful of formats and maybe millions of rows.
        await using var command = database.CreateCommand("""
            WITH RECURSIVE present(format) AS (
                (SELECT tag_format FROM catalogue_search ORDER BY tag_format LIMIT 1)
                UNION ALL
                SELECT (SELECT s.tag_format FROM catalogue_search s WHERE s.tag_format > p.format ORDER BY s.tag_format LIMIT 1)
                  FROM present p WHERE p.format IS NOT NULL)
            SELECT p.format, f.generation > own.generation
              FROM present p LEFT JOIN catalogue_tag_formats f ON f.format = p.format
             CROSS JOIN (SELECT generation FROM catalogue_tag_formats WHERE format = $1) own
             WHERE p.format IS NOT NULL AND p.format <> $1
            """);
        command.Parameters.AddWithValue(TagFormat.Current);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<string> stale = [], newer = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            (!reader.IsDBNull(1) && reader.GetBoolean(1) ? newer : stale).Add(reader.GetString(0));
        }

        return new TagFormats(stale, newer);
    }
}
