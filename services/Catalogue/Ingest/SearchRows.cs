using System.Text.RegularExpressions;
using Federation.Catalogue.Search.Compounds;
using Federation.Catalogue.Storage;
using Federation.Contracts;
using Federation.Contracts.Serialization;
using Marten;

namespace Federation.Catalogue.Ingest;

/// <summary>
/// Keeps the search table in step with the entries of a batch, inside the same Marten transaction: one multi-row
/// upsert for what is published and one delete for what was withdrawn, rather than a statement per resource.
/// </summary>
internal static partial class SearchRows
{
    // Keywords, themes and filter tags travel as one string each, split again in SQL: unnest cannot take ragged arrays.
    private const char Separator = FilterTags.Separator;

    private const string Upsert = """
        INSERT INTO catalogue_search (id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, modified_at, version, document, filter_tags, tag_format,
                                      downloads, access_requests, introductions, popularity)
        SELECT r.id, r.hub_id, r.kind, r.licence, r.access_policy,
               string_to_array(r.keywords, chr(31)), string_to_array(r.themes, chr(31)), r.title, r.summary, r.modified_at, r.version,
               catalogue_search_document(r.title, replace(r.keywords, chr(31), ' ') || ' ' || r.skills, r.summary, r.description, r.title_parts, r.other_parts),
               string_to_array(r.filter_tags, chr(31)), ?::text,
               coalesce(a.downloads, 0), coalesce(a.access_requests, 0), coalesce(a.introductions, 0),
               coalesce(catalogue_popularity(a.downloads, a.access_requests, a.introductions), 0)
          FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[],
                      ?::text[], ?::text[], ?::text[], ?::text[])
            AS r(id, hub_id, kind, licence, access_policy, keywords, themes, title, summary, description, modified_at, version, skills, filter_tags,
                 title_parts, other_parts)
          -- The use its hub reported, kept while the row was away (a format change projects every row again).
          LEFT JOIN catalogue_activity a ON a.id = r.id AND a.hub_id = r.hub_id
        ON CONFLICT (id) DO UPDATE SET
            hub_id = excluded.hub_id, kind = excluded.kind, licence = excluded.licence, access_policy = excluded.access_policy,
            keywords = excluded.keywords, themes = excluded.themes, title = excluded.title, summary = excluded.summary,
            modified_at = excluded.modified_at, version = excluded.version, document = excluded.document, filter_tags = excluded.filter_tags,
            tag_format = excluded.tag_format
        WHERE catalogue_search.version < excluded.version
        """;

    public static void Project(IDocumentSession session, IReadOnlyCollection<CatalogueEntry> entries, CompoundSplitter compounds)
    {
        ProjectLineage(session, entries);
        var withdrawn = entries.Where(e => e.State != ResourceState.Published).Select(e => e.Id).ToArray();
        if (withdrawn.Length > 0)
        {
            session.QueueSqlCommand("DELETE FROM catalogue_search WHERE id = ANY(?)", withdrawn);
        }

        // In id order: the rows are locked in that order, as the use reports lock them (ActivityKeeper), so the two
        // never wait on each other's rows in opposite orders.
        var published = entries.Where(e => e.State == ResourceState.Published).Select(e => e.Resource).OrderBy(r => r.Id).ToArray();
        if (published.Length == 0)
        {
            return;
        }

        var extras = published.Select(ExtraWords).ToArray();
        session.QueueSqlCommand(Upsert,
            // The format the tags below are made in; the placeholder comes first in the statement.
            TagFormat.Current,
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
            extras,
            published.Select(FilterTags.Joined).ToArray(),
            published.Select(r => PartsOf(compounds, r.Title)).ToArray(),
            published.Select((r, i) => PartsOf(compounds, string.Join(' ', [.. r.Keywords, r.Summary, r.Description, extras[i]]))).ToArray());
        // In word order, so that lanes adding the same new words take their locks in the same order and never deadlock.
        session.QueueSqlCommand("""
            INSERT INTO catalogue_search_words (word)
            SELECT DISTINCT w FROM unnest(?::text[]) AS t(text), catalogue_words(t.text) AS w ORDER BY w
            ON CONFLICT DO NOTHING
            """,
            // As object: a string[] alone would be taken for the parameter list itself.
            (object)published.Select(r => string.Join(' ', [r.Title, .. r.Keywords, r.Summary])).ToArray());
    }

    // The parts of the text's Dutch compounds, which the document holds below the words themselves: "data" then finds
    // "Verkeersdata", ranked under a resource that has the word "data" in the same field.
    private static string PartsOf(CompoundSplitter compounds, string text) =>
        string.Join(' ', Words().Matches(text).Select(word => word.Value).Distinct(StringComparer.OrdinalIgnoreCase).SelectMany(compounds.Split));

    [GeneratedRegex(@"\p{L}{6,}")]
    private static partial Regex Words();

    // The skills and free tags of expertise, and a compute offer's accelerators, partitions, scheduler, environments
    // and site, are searchable words too: "H100" or "Slurm" should find the offer that has them.
    private static string ExtraWords(ResourceSnapshot resource) => string.Join(' ', [
        .. resource.Expertise?.Skills ?? [], .. resource.Expertise?.Tags ?? [],
        .. resource.Compute is { } compute
            ? [.. compute.Partitions.SelectMany(p => new[] { p.Name, p.AcceleratorModel, p.Interconnect ?? "" }), compute.Scheduler, .. compute.SoftwareEnvironments, compute.Site]
            : Array.Empty<string>(),
    ]);

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
