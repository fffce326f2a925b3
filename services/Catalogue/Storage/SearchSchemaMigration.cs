using Npgsql;

namespace Federation.Catalogue.Storage;

/// <summary>
/// The search table: one row per published resource with a weighted tsvector that holds every text field stemmed
/// both in English and in Dutch, so "modellen" finds "model" and "datasets" finds "dataset" whichever language the
/// resource or the query is in. Weights: title A, keywords B, summary C, description D.
/// </summary>
internal sealed class SearchSchemaMigration(NpgsqlDataSource database, ILogger<SearchSchemaMigration> logger) : IHostedService
{
    private const string Schema = """
        SELECT pg_advisory_xact_lock(7291002);
        CREATE OR REPLACE FUNCTION catalogue_search_document(title text, keywords text, summary text, description text)
        RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('dutch'::regconfig, title), 'A')
                || setweight(to_tsvector('english'::regconfig, keywords), 'B') || setweight(to_tsvector('dutch'::regconfig, keywords), 'B')
                || setweight(to_tsvector('english'::regconfig, summary), 'C') || setweight(to_tsvector('dutch'::regconfig, summary), 'C')
                || setweight(to_tsvector('english'::regconfig, description), 'D') || setweight(to_tsvector('dutch'::regconfig, description), 'D')
        $$;
        CREATE OR REPLACE FUNCTION catalogue_search_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT websearch_to_tsquery('english'::regconfig, q) || websearch_to_tsquery('dutch'::regconfig, q)
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
        CREATE INDEX IF NOT EXISTS catalogue_search_by_document ON catalogue_search USING gin (document);
        CREATE INDEX IF NOT EXISTS catalogue_search_by_keywords ON catalogue_search USING gin (keywords);
        CREATE INDEX IF NOT EXISTS catalogue_search_by_modified ON catalogue_search (modified_at DESC, id);
        CREATE INDEX IF NOT EXISTS catalogue_search_by_hub ON catalogue_search (hub_id);
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Schema, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Catalogue search schema is in place");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
