using Federation.Contracts;
using Federation.Contracts.Serialization;
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
        INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document,
                                      risk_class, modality, task, personal_data, storage_country, sectors, skills, region, availability)
        SELECT r.id, r.hub_id, r.kind, r.licence, r.access_policy,
               string_to_array(r.keywords, chr(31)), string_to_array(r.themes, chr(31)), r.title, r.summary, r.modified_at, r.version,
               catalogue_search_document(r.title, replace(r.keywords, chr(31), ' ') || ' ' || replace(r.skills, chr(31), ' '), r.summary, r.description),
               r.risk_class, r.modality, r.task, r.personal_data, r.storage_country,
               string_to_array(r.sectors, chr(31)), string_to_array(r.skills, chr(31)), r.region, r.availability
          FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[],
                      ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
            AS r(id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, description, modified_at, version,
                 risk_class, modality, task, personal_data, storage_country, sectors, skills, region, availability)
        ON CONFLICT (id) DO UPDATE SET
            hub_id = excluded.hub_id, kind = excluded.kind, licence = excluded.licence, access_policy = excluded.access_policy,
            keywords = excluded.keywords, themes = excluded.themes, title = excluded.title, summary = excluded.summary,
            modified_at = excluded.modified_at, version = excluded.version, document = excluded.document,
            risk_class = excluded.risk_class, modality = excluded.modality, task = excluded.task, personal_data = excluded.personal_data,
            storage_country = excluded.storage_country, sectors = excluded.sectors, skills = excluded.skills, region = excluded.region,
            availability = excluded.availability
        WHERE catalogue_search.version < excluded.version
        """;

    public static void Project(IDocumentSession session, IReadOnlyCollection<CatalogueEntry> entries)
    {
        ProjectLineage(session, entries);
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
            published.Select(r => r.Version).ToArray(),
            published.Select(r => r.Model?.AiAct?.RiskClass).ToArray(),
            published.Select(r => r.Model?.Modality).ToArray(),
            published.Select(r => r.Model?.Task).ToArray(),
            published.Select(r => r.Dataset is { } d ? (d.ContainsPersonalData ? "yes" : "no") : null).ToArray(),
            published.Select(r => r.Sovereignty?.StorageCountry).ToArray(),
            published.Select(r => string.Join(Separator, r.Expertise?.Sectors ?? [])).ToArray(),
            published.Select(r => string.Join(Separator, (r.Expertise?.Skills ?? []).Concat(r.Expertise?.Tags ?? []))).ToArray(),
            published.Select(r => r.Expertise?.Region).ToArray(),
            published.Select(r => r.Expertise?.Availability).ToArray());
        // In word order, so that lanes adding the same new words take their locks in the same order and never deadlock.
        session.QueueSqlCommand("""
            INSERT INTO catalogue_search_words (word)
            SELECT DISTINCT w FROM unnest(?::text[]) AS t(text), catalogue_words(t.text) AS w ORDER BY w
            ON CONFLICT DO NOTHING
            """,
            // As object: a string[] alone would be taken for the parameter list itself.
            (object)published.Select(r => string.Join(' ', [r.Title, .. r.Keywords, r.Summary])).ToArray());
    }

    // Every entry's training links are replaced as a whole: a model's new version may name other datasets, and a
    // withdrawn model keeps its links so that its datasets can still say they were used.
    private static void ProjectLineage(IDocumentSession session, IReadOnlyCollection<CatalogueEntry> entries)
    {
        session.QueueSqlCommand("DELETE FROM catalogue_lineage WHERE model_id = ANY(?)", entries.Select(e => e.Id).ToArray());
        var links = entries
            .SelectMany(e => (e.Resource.Model?.TrainingDatasets ?? []).DistinctBy(link => link.ResourceId).Select(link => (Model: e.Resource, Link: link)))
            .ToList();
        if (links.Count > 0)
        {
            session.QueueSqlCommand(
                "INSERT INTO catalogue_lineage (model_id, model_hub, dataset_hub, dataset_id) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[]) ON CONFLICT DO NOTHING",
                links.Select(l => l.Model.Id).ToArray(), links.Select(l => l.Model.HubId).ToArray(),
                links.Select(l => l.Link.HubId).ToArray(), links.Select(l => l.Link.ResourceId).ToArray());
        }
    }
}
