using Federation.Contracts;
using Federation.ServiceDefaults.Serialization;
using Marten;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// Keeps the search table in step with the entries of a batch, inside the same Marten transaction: one multi-row
/// upsert for what is published and one delete for what was withdrawn, rather than a statement per resource.
/// </summary>
internal static class SearchRows
{
    // Keywords and themes travel as one string each, split again in SQL: unnest cannot take ragged arrays.
    private const char Separator = '\u001f';

    private const string Upsert = """
        INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document)
        SELECT r.id, r.hub_id, r.kind, r.licence, r.access_policy,
               string_to_array(r.keywords, chr(31)), string_to_array(r.themes, chr(31)), r.title, r.summary, r.modified_at, r.version,
               catalogue_search_document(r.title, replace(r.keywords, chr(31), ' '), r.summary, r.description)
          FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[])
            AS r(id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, description, modified_at, version)
        ON CONFLICT (id) DO UPDATE SET
            hub_id = excluded.hub_id, kind = excluded.kind, licence = excluded.licence, access_policy = excluded.access_policy,
            keywords = excluded.keywords, themes = excluded.themes, title = excluded.title, summary = excluded.summary,
            modified_at = excluded.modified_at, version = excluded.version, document = excluded.document
        WHERE catalogue_search.version < excluded.version
        """;

    public static void Project(IDocumentSession session, IReadOnlyCollection<CatalogueEntry> entries)
    {
        var withdrawn = entries.Where(e => e.State != ResourceState.Published).Select(e => e.Id).ToArray();
        if (withdrawn.Length > 0)
        {
            session.QueueSqlCommand("DELETE FROM catalogue_search WHERE id = ANY(?)", withdrawn);
        }

        var published = entries.Where(e => e.State == ResourceState.Published).Select(e => e.Resource).ToArray();
        if (published.Length == 0)
        {
            return;
        }

        session.QueueSqlCommand(Upsert,
            published.Select(r => r.Id).ToArray(),
            published.Select(r => r.HubId).ToArray(),
            published.Select(r => r.Kind.ToWireName()).ToArray(),
            published.Select(r => r.Licence).ToArray(),
            published.Select(r => r.AccessPolicy.ToWireName()).ToArray(),
            published.Select(r => string.Join(Separator, r.Keywords.Select(k => k.ToLowerInvariant()))).ToArray(),
            published.Select(r => string.Join(Separator, r.Themes)).ToArray(),
            published.Select(r => r.Title).ToArray(),
            published.Select(r => r.Summary).ToArray(),
            published.Select(r => r.Description).ToArray(),
            published.Select(r => r.ModifiedAt).ToArray(),
            published.Select(r => r.Version).ToArray());
    }
}
