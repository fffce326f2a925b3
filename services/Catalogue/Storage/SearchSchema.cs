using Federation.ServiceDefaults.Postgres;

namespace Federation.Catalogue.Storage;

/// <summary>
/// The search table: one row per published resource with a weighted tsvector that holds every text field stemmed
/// both in English and in Dutch, so "modellen" finds "model" and "datasets" finds "dataset" whichever language the
/// resource or the query is in. Weights: title A, keywords B, summary C, description D.
/// </summary>
internal static class SearchSchema
{
    public static readonly IReadOnlyList<SchemaMigration> Steps =
    [
        new(1, "baseline", """
            -- The Dutch Snowball stemmer leaves a doubled consonant before a plural ending ("modellen" -> "modell",
            -- "model" -> "model"); undoubling it first makes both reach the same stem. Applied to documents and queries alike.
            CREATE OR REPLACE FUNCTION catalogue_dutch_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT regexp_replace(t, '([b-df-hj-np-tv-z])\1(en|e)\M', '\1\2', 'gi')
            $$;
            -- Each copy starts with a stop word ('the', 'de'), which keeps its position: so every copy and every field begins
            -- one position after the previous one ends, and a "quoted phrase" never matches across two of them.
            CREATE OR REPLACE FUNCTION catalogue_search_field(t text, weight "char") RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT setweight(to_tsvector('english'::regconfig, 'the ' || t), weight)
                    || setweight(to_tsvector('dutch'::regconfig, 'de ' || catalogue_dutch_text(t)), weight)
            $$;
            CREATE OR REPLACE FUNCTION catalogue_search_document(title text, keywords text, summary text, description text)
            RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT catalogue_search_field(title, 'A') || catalogue_search_field(keywords, 'B')
                    || catalogue_search_field(summary, 'C') || catalogue_search_field(description, 'D')
            $$;
            CREATE OR REPLACE FUNCTION catalogue_search_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT websearch_to_tsquery('english'::regconfig, q) || websearch_to_tsquery('dutch'::regconfig, catalogue_dutch_text(q))
            $$;
            -- A snippet of the summary with the matched words between U+E000 and U+E001 (escaped and marked up by the
            -- service). Parsed in English first; when that marks nothing, in Dutch.
            CREATE OR REPLACE FUNCTION catalogue_search_snippet(summary text, q tsquery) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
                SELECT CASE WHEN strpos(english, chr(57344)) > 0 THEN english
                            ELSE ts_headline('dutch'::regconfig, summary, q, options) END
                  FROM (SELECT ts_headline('english'::regconfig, summary, q, options) AS english, options
                          FROM (SELECT format('StartSel=%s, StopSel=%s, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "',
                                              chr(57344), chr(57345)) AS options) o) h
            $$;
            CREATE TABLE IF NOT EXISTS catalogue_search (
                id            uuid PRIMARY KEY,
                hub_id        text        NOT NULL,
                kind          text        NOT NULL,
                licence       text        NOT NULL,
                access_policy text        NOT NULL,
                keywords      text[]      NOT NULL,
                themes        text[]      NOT NULL,
                title         text        NOT NULL,
                summary       text        NOT NULL,
                modified_at   timestamptz NOT NULL,
                version       integer     NOT NULL,
                document      tsvector    NOT NULL
            );
            -- Every filter value as a tag 'dimension:value' in one array with one GIN index: any combination of filters is
            -- then an intersection inside that index, and facet counts read one column. The writer derives the tags from
            -- the registry of search dimensions (Federation.Contracts.Search.SearchDimensions); before that, they were a
            -- column generated from one column per dimension, which is dropped here with the function it used.
            DO $$
            BEGIN
                IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'catalogue_search'::regclass AND attname = 'filter_tags' AND attgenerated <> '') THEN
                    ALTER TABLE catalogue_search DROP COLUMN filter_tags;
                END IF;
            END $$;
            ALTER TABLE catalogue_search ADD COLUMN IF NOT EXISTS filter_tags text[] NOT NULL DEFAULT '{}';
            ALTER TABLE catalogue_search DROP COLUMN IF EXISTS risk_class, DROP COLUMN IF EXISTS modality, DROP COLUMN IF EXISTS task,
                DROP COLUMN IF EXISTS personal_data, DROP COLUMN IF EXISTS storage_country, DROP COLUMN IF EXISTS sectors,
                DROP COLUMN IF EXISTS skills, DROP COLUMN IF EXISTS region, DROP COLUMN IF EXISTS availability;
            DROP FUNCTION IF EXISTS catalogue_filter_tags(text, text[]);
            CREATE INDEX IF NOT EXISTS catalogue_search_by_document ON catalogue_search USING gin (document);
            -- Lineage: which datasets each model (of any state) names as training data, so that a dataset's page can list
            -- the models trained on it, across hubs. Kept in step with the entries, in the same transaction.
            CREATE TABLE IF NOT EXISTS catalogue_lineage (
                model_id    uuid NOT NULL,
                model_hub   text NOT NULL,
                dataset_hub text NOT NULL,
                dataset_id  uuid NOT NULL,
                PRIMARY KEY (model_id, dataset_id)
            );
            CREATE INDEX IF NOT EXISTS catalogue_lineage_by_dataset ON catalogue_lineage (dataset_id);
            -- The format of the documents above, and of their filter tags, checked at every start (FormatCheck below).
            CREATE TABLE IF NOT EXISTS catalogue_search_format (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                version   integer NOT NULL
            );
            ALTER TABLE catalogue_search_format ADD COLUMN IF NOT EXISTS tags text;
            -- Every word that titles, keywords and summaries of published resources have used, for typo tolerance: a word
            -- of a search text that is not here is corrected to the most similar one that is (pg_trgm, a trusted extension).
            -- Words are never removed; a correction is only used when the corrected search finds something.
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE TABLE IF NOT EXISTS catalogue_search_words (word text PRIMARY KEY);
            CREATE INDEX IF NOT EXISTS catalogue_search_words_by_trigram ON catalogue_search_words USING gin (word gin_trgm_ops);
            -- The words of one text as the vocabulary keeps them (also used by the writer).
            CREATE OR REPLACE FUNCTION catalogue_words(t text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT w FROM regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 3 AND 40
            $$;
            -- A catalogue that had resources before the vocabulary existed fills it once.
            INSERT INTO catalogue_search_words (word)
            SELECT DISTINCT w FROM catalogue_search, catalogue_words(title || ' ' || array_to_string(keywords, ' ') || ' ' || summary) AS w
             WHERE NOT EXISTS (SELECT 1 FROM catalogue_search_words)
            ON CONFLICT DO NOTHING;
            -- The share of the table (in percent, for TABLESAMPLE SYSTEM) that holds about target_rows rows; all of it while
            -- the table is that small or not yet analysed (reltuples -1).
            CREATE OR REPLACE FUNCTION catalogue_sample_percent(target_rows integer) RETURNS float8 LANGUAGE sql STABLE PARALLEL SAFE AS $$
                SELECT CASE WHEN reltuples <= target_rows THEN 100::float8 ELSE target_rows * 100::float8 / reltuples END
                  FROM pg_class WHERE oid = 'catalogue_search'::regclass
            $$;
            CREATE INDEX IF NOT EXISTS catalogue_search_by_filter_tags ON catalogue_search USING gin (filter_tags);
            -- Superseded by the filter tags.
            DROP INDEX IF EXISTS catalogue_search_by_keywords, catalogue_search_by_themes, catalogue_search_by_sectors,
                catalogue_search_by_skills, catalogue_search_by_hub, catalogue_search_by_modified;
            -- Newest first with ties broken by id, both descending: the order of sort=modified and of its keyset cursor.
            CREATE INDEX IF NOT EXISTS catalogue_search_by_recency ON catalogue_search (modified_at, id);
            """),
        new(2, "tag formats", """
            -- Each row names the tag format its filter tags were made in (TagFormat): rows of an older one are tagged
            -- again in place (SearchRowRetagging) while search keeps answering from their old tags, instead of being
            -- dropped and projected again. Rows from before this step, or written without a format, count as older.
            ALTER TABLE catalogue_search ADD COLUMN tag_format text NOT NULL DEFAULT '';
            CREATE INDEX catalogue_search_by_tag_format ON catalogue_search (tag_format, id);
            -- Every tag format a catalogue has started with, numbered in the order they first started. A format with a
            -- higher number is newer: a catalogue leaves rows of a newer format alone (an older replica during a rolling
            -- deploy must not tag them back).
            CREATE TABLE catalogue_tag_formats (
                format        text        PRIMARY KEY,
                generation    integer     NOT NULL UNIQUE,
                first_started timestamptz NOT NULL DEFAULT now()
            );
            -- Replaced by the rows' own tag_format.
            ALTER TABLE catalogue_search_format DROP COLUMN tags;
            """),
        new(3, "compound parts", """
            -- The parts of the Dutch compounds in each field (split by the catalogue, Search/Compounds), one weight below
            -- the field they come from for the title and at the lowest for the rest: a search for "data" finds the title
            -- "Verkeersdata", below a title with the word itself. The four-argument form stays for an older replica
            -- during a rolling deploy; the format check below projects every row again in this one.
            CREATE OR REPLACE FUNCTION catalogue_search_document(title text, keywords text, summary text, description text, title_parts text, other_parts text)
            RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT catalogue_search_document(title, keywords, summary, description)
                    || catalogue_search_field(title_parts, 'B') || catalogue_search_field(other_parts, 'D')
            $$;
            """),
        new(4, "use", """
            -- How much each resource is used, as its hub reports it (ResourceActivityReported): totals, no persons. Kept
            -- apart from the search rows, which are dropped and projected again when their format changes; a row
            -- takes its counts from here when it is written.
            CREATE TABLE catalogue_activity (
                id              uuid PRIMARY KEY,
                hub_id          text        NOT NULL,
                downloads       bigint      NOT NULL,
                access_requests bigint      NOT NULL,
                introductions   bigint      NOT NULL,
                reported_at     timestamptz NOT NULL
            );
            -- Requests and introductions say more than a download: someone asked for something. In floating point (no
            -- count can overflow it) and to one decimal: a row's popularity then changes only now and then, so most
            -- updates of its counts leave every index alone (HOT), and a relevance cursor rarely sees it move.
            CREATE FUNCTION catalogue_popularity(downloads bigint, access_requests bigint, introductions bigint) RETURNS real
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT round(ln(1 + downloads::float8 + 5 * (access_requests::float8 + introductions::float8))::numeric, 1)::real
            $$;
            -- Room on each page for a row's new version beside the old: what lets those updates stay on the page.
            ALTER TABLE catalogue_search SET (fillfactor = 90);
            ALTER TABLE catalogue_search
                ADD COLUMN downloads bigint NOT NULL DEFAULT 0,
                ADD COLUMN access_requests bigint NOT NULL DEFAULT 0,
                ADD COLUMN introductions bigint NOT NULL DEFAULT 0,
                ADD COLUMN popularity real NOT NULL DEFAULT 0;
            -- Most used first, then newest: the order of sort=popularity and of its keyset cursor.
            CREATE INDEX catalogue_search_by_popularity ON catalogue_search (popularity, modified_at, id);
            """),
        new(5, "term leaders", $$"""
            -- Relevance counts every word of a search on its own: a row's rank is the sum of each word's weight in it (the
            -- cover density rank of the words joined by OR, which adds up one position at a time), lifted by popularity.
            -- A sum can be bounded word by word, which is what lets a search find the best of a million matches from
            -- the few rows each word weighs most in (Search/Leaders).
            CREATE FUNCTION catalogue_lift(popularity real) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT 1 + 0.05 * least(popularity, 10)::float8
            $$;
            -- Every word of a query once, joined by OR, prefixes kept (printed tsquery operands are quoted, quotes and
            -- backslashes doubled).
            CREATE FUNCTION catalogue_ranking_query(q tsquery) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT coalesce(string_agg(DISTINCT '''' || m[1] || '''' || coalesce(m[2], ''), ' | '), '')::tsquery
                  FROM regexp_matches(q::text, '''((?:[^''\\]|''''|\\.)*)''(:\*)?', 'g') m
            $$;
            -- The whole words (lexemes) of a query, prefixes left out.
            CREATE FUNCTION catalogue_query_lexemes(q tsquery) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT coalesce(array_agg(DISTINCT replace(replace(m[1], '''''', ''''), '\\', '\')), '{}')
                  FROM regexp_matches(q::text, '''((?:[^''\\]|''''|\\.)*)''(:\*)?', 'g') m
                 WHERE m[2] IS NULL
            $$;
            CREATE FUNCTION catalogue_lexeme_query(lexeme text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
            $$;
            -- One word's share of a row's rank: what the row's rank is for that word alone.
            CREATE FUNCTION catalogue_term_impact(document tsvector, lexeme text, popularity real) RETURNS real
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT (ts_rank_cd(document, catalogue_lexeme_query(lexeme)) * catalogue_lift(popularity))::real
            $$;
            -- The words found in many rows, each with its floor: every row that has the word and is not among its
            -- leaders ranks at or below the floor for it, by (impact, modified_at, id), the order of relevance. So a row
            -- that only equals the floor's weight joins the leaders when it is newer: the best rows of a common word
            -- often all weigh the same (the word once in the title), and only with the newest of them among the
            -- leaders can the leaders vouch for the order of such ties (a floor of weight only left the first page of
            -- `data` at a million resources newest first, the best rows not on it).
            CREATE TABLE catalogue_frequent_terms (
                lexeme            text        PRIMARY KEY,
                documents         integer     NOT NULL,
                floor_impact      real        NOT NULL,
                floor_modified_at timestamptz NOT NULL,
                floor_id          uuid        NOT NULL,
                promoted_at       timestamptz NOT NULL,
                -- When the keeper last looked whether its leaders had grown too many (it looks at the longest unseen first).
                checked_at        timestamptz NOT NULL DEFAULT '-infinity'
            );
            CREATE INDEX catalogue_frequent_terms_by_check ON catalogue_frequent_terms (checked_at);
            -- Each frequent word's leaders: the rows it weighs most in, at least Search:LeaderCount of them.
            CREATE TABLE catalogue_term_leaders (
                lexeme      text        NOT NULL,
                impact      real        NOT NULL,
                modified_at timestamptz NOT NULL,
                id          uuid        NOT NULL,
                PRIMARY KEY (lexeme, id)
            );
            CREATE INDEX catalogue_term_leaders_by_rank ON catalogue_term_leaders (lexeme, impact DESC, modified_at DESC, id DESC);
            -- How far the first `depth` leaders of a search's words vouch for its ranking (Search/Leaders/LeaderStatement).
            -- A search ranks, for each of its parts, the best of the part's alternatives (each a tsquery with a weight),
            -- and adds the parts up; each word of an alternative is bounded by the depth-th leader of the word, or the
            -- word's floor when higher (a word that is not frequent by nothing: every row with it is a candidate). So
            -- the bound is the sum over parts of the best weighted sum of an alternative's word bounds. With it: the
            -- newest of the bounding leaders (by modified_at, id; only those above nothing), which every row outside
            -- the candidates that ranks equal to the bound is older than; and whether reading deeper could lower the
            -- bound (a word whose depth-th leader is above its floor). In PL/pgSQL so that, after its first five calls
            -- on a connection, one kept plan serves every search.
            CREATE FUNCTION catalogue_leader_bound(parts integer[], weights float8[], queries tsquery[], depth integer,
                                                   OUT rank float8, OUT modified_at timestamptz, OUT id uuid, OUT deeper boolean)
            LANGUAGE plpgsql STABLE AS $$
            BEGIN
                WITH alternatives AS MATERIALIZED (
                    SELECT a.part, a.weight, catalogue_query_lexemes(a.query) AS lexemes
                      FROM unnest(parts, weights, queries) AS a(part, weight, query)),
                     bounds AS MATERIALIZED (
                    SELECT t.lexeme,
                           CASE WHEN a.above THEN d.impact ELSE t.floor_impact END AS b_impact,
                           CASE WHEN a.above THEN d.modified_at ELSE t.floor_modified_at END AS b_modified_at,
                           CASE WHEN a.above THEN d.id ELSE t.floor_id END AS b_id,
                           a.above AS b_deeper
                      -- From the search's own words: the plan PL/pgSQL keeps after five calls does not know them, and
                      -- read from the frequent words it found the depth-th leader of every frequent word first (7 ms
                      -- against 0.8 at a depth of 1,344 with 81 frequent words).
                      FROM (SELECT DISTINCT unnest(lexemes) AS lexeme FROM alternatives) w
                      JOIN catalogue_frequent_terms t ON t.lexeme = w.lexeme
                      LEFT JOIN LATERAL (SELECT l.impact, l.modified_at, l.id FROM catalogue_term_leaders l WHERE l.lexeme = w.lexeme
                                          ORDER BY l.impact DESC, l.modified_at DESC, l.id DESC OFFSET depth - 1 LIMIT 1) d ON true
                      CROSS JOIN LATERAL (SELECT d.id IS NOT NULL
                                                 AND (d.impact, d.modified_at, d.id) > (t.floor_impact, t.floor_modified_at, t.floor_id) AS above) a),
                     best AS (
                    SELECT al.part, max(al.weight * coalesce((SELECT sum(b.b_impact) FROM bounds b WHERE b.lexeme = ANY (al.lexemes)), 0)) AS bound
                      FROM alternatives al GROUP BY al.part)
                SELECT (SELECT coalesce(sum(bound), 0) FROM best),
                       (SELECT b_modified_at FROM bounds WHERE b_impact > 0 ORDER BY b_modified_at DESC, b_id DESC LIMIT 1),
                       (SELECT b_id FROM bounds WHERE b_impact > 0 ORDER BY b_modified_at DESC, b_id DESC LIMIT 1),
                       coalesce((SELECT bool_or(b_deeper) FROM bounds), false)
                  INTO rank, modified_at, id, deeper;
            END
            $$;
            -- The candidates of a search: the first `depth` leaders of each of its frequent words, and every row with one
            -- of its other words (each in fewer rows than makes a word frequent).
            CREATE FUNCTION catalogue_leader_candidates(lexemes text[], depth integer) RETURNS SETOF uuid
            LANGUAGE plpgsql STABLE AS $$
            BEGIN
                RETURN QUERY
                    SELECT l.id FROM catalogue_frequent_terms t
                     CROSS JOIN LATERAL (SELECT c.id FROM catalogue_term_leaders c WHERE c.lexeme = t.lexeme
                                          ORDER BY c.impact DESC, c.modified_at DESC, c.id DESC LIMIT depth) l
                     WHERE t.lexeme = ANY (lexemes)
                    UNION
                    SELECT s.id FROM catalogue_search s
                     WHERE s.document @@ (SELECT string_agg(catalogue_lexeme_query(x)::text, ' | ')::tsquery FROM unnest(lexemes) x
                                           WHERE NOT EXISTS (SELECT 1 FROM catalogue_frequent_terms f WHERE f.lexeme = x));
            END
            $$;
            -- When the keeper last finished a round (for whoever waits for the leaders of rows loaded in bulk).
            CREATE TABLE catalogue_term_rounds (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), finished_at timestamptz NOT NULL);
            -- Every write of a row keeps its place among the leaders of its frequent words, in the writer's transaction:
            -- a row that rises above a word's floor joins its leaders, one that changes leaves them first. The shared
            -- lock lets writers pass each other; the keeper takes it alone while it makes a word frequent, so no write
            -- can miss a word becoming frequent.
            CREATE FUNCTION catalogue_keep_term_leaders() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock_shared(hashtext('{{TermLeaderLock}}'));
                IF TG_OP <> 'INSERT' THEN
                    DELETE FROM catalogue_term_leaders l
                     WHERE l.lexeme = ANY (tsvector_to_array(OLD.document)) AND l.id = OLD.id;
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    -- The row's own words looked up among the frequent ones (not every frequent word looked for in the row).
                    INSERT INTO catalogue_term_leaders (lexeme, impact, modified_at, id)
                    SELECT f.lexeme, i.impact, NEW.modified_at, NEW.id
                      FROM unnest(NEW.document) u
                      JOIN catalogue_frequent_terms f ON f.lexeme = u.lexeme
                     CROSS JOIN LATERAL (SELECT catalogue_term_impact(NEW.document, f.lexeme, NEW.popularity) AS impact) i
                     WHERE (i.impact, NEW.modified_at, NEW.id) > (f.floor_impact, f.floor_modified_at, f.floor_id)
                    ON CONFLICT (lexeme, id) DO UPDATE SET impact = excluded.impact, modified_at = excluded.modified_at;
                END IF;
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER catalogue_search_keeps_term_leaders AFTER INSERT OR DELETE ON catalogue_search
                FOR EACH ROW EXECUTE FUNCTION catalogue_keep_term_leaders();
            CREATE TRIGGER catalogue_search_changes_term_leaders AFTER UPDATE OF document, popularity, modified_at ON catalogue_search
                FOR EACH ROW WHEN (OLD.document IS DISTINCT FROM NEW.document OR OLD.popularity IS DISTINCT FROM NEW.popularity
                                   OR OLD.modified_at IS DISTINCT FROM NEW.modified_at)
                EXECUTE FUNCTION catalogue_keep_term_leaders();
            """),
    ];

    /// <summary>The lock every writer of a search row shares and the leader keeper takes alone (see step 5).</summary>
    public const string TermLeaderLock = "catalogue-term-leaders";

    /// <summary>
    /// Run at every start after the steps, because it depends on the code rather than on the schema. When the stored
    /// rows were made in another document format they are dropped, with the lineage, and the writer's audit, which runs
    /// at start, projects them again from the stored snapshots. The registry's tag format is only registered here, with
    /// the next generation number if it is new (under the steps' lock, so two processes starting together number their
    /// formats one after the other): the rows themselves are re-tagged in place by <see cref="SearchRowRetagging"/>.
    /// </summary>
    public static readonly string FormatCheck = $$"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM catalogue_search_format WHERE version = 5) THEN
                -- The leaders first: the rows' trigger then finds no leaders to delete for them.
                DELETE FROM catalogue_frequent_terms;
                DELETE FROM catalogue_term_leaders;
                DELETE FROM catalogue_search;
                DELETE FROM catalogue_lineage;
            END IF;
            INSERT INTO catalogue_search_format (singleton, version) VALUES (true, 5)
            ON CONFLICT (singleton) DO UPDATE SET version = excluded.version;
        END $$;
        INSERT INTO catalogue_tag_formats (format, generation)
        SELECT '{{TagFormat.Current}}', coalesce(max(generation), 0) + 1 FROM catalogue_tag_formats
        ON CONFLICT (format) DO NOTHING;
        """;
}
