using Federation.Contracts;
using Federation.ServiceDefaults.Serialization;
using Marten;

namespace Federation.Catalogue.Ingest;

/// <summary>Keeps the search table in step with an entry, inside the same Marten transaction.</summary>
internal static class SearchRows
{
    private const string Upsert = """
        INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, catalogue_search_document(?, ?, ?, ?))
        ON CONFLICT (id) DO UPDATE SET
            hub_id = excluded.hub_id, kind = excluded.kind, licence = excluded.licence, access_policy = excluded.access_policy,
            keywords = excluded.keywords, themes = excluded.themes, title = excluded.title, summary = excluded.summary,
            modified_at = excluded.modified_at, version = excluded.version, document = excluded.document
        WHERE catalogue_search.version < excluded.version
        """;

    public static void Project(IDocumentSession session, CatalogueEntry entry)
    {
        var r = entry.Resource;
        if (entry.State != ResourceState.Published)
        {
            session.QueueSqlCommand("DELETE FROM catalogue_search WHERE id = ?", entry.Id);
            return;
        }

        var keywords = r.Keywords.Select(k => k.ToLowerInvariant()).ToArray();
        session.QueueSqlCommand(Upsert,
            r.Id, r.HubId, r.Kind.ToWireName(), r.Licence, r.AccessPolicy.ToWireName(), keywords, r.Themes.ToArray(), r.Title, r.Summary,
            r.ModifiedAt, r.Version, r.Title, string.Join(' ', r.Keywords), r.Summary, r.Description);
    }
}
