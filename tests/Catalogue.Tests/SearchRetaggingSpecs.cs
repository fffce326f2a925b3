using Federation.Catalogue.Storage;
using Federation.Contracts;
using Federation.Testing;
using Npgsql;
using Federation.Testing.Hosts;

namespace Federation.Catalogue.Tests;

/// <summary>
/// When the registry's tag format changes, the catalogue tags its rows again in place at start: no row is deleted,
/// so search keeps finding every resource by its old tags until its new ones arrive. Rows a newer catalogue wrote
/// (a newer tag format, during a rolling deploy) are left as they are.
/// </summary>
public sealed class SearchRetaggingSpecs : SpecsOnAFresh<CatalogueHost>
{
    private const string Older = "a format before updateFrequency";
    private readonly string hub = CatalogueHost.NewHubId();
    private ResourceSnapshot[] corpus = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        corpus = await DimensionCorpus.PublishAsync(Host, hub);
    }

    [Fact]
    public async Task Rows_of_an_older_tag_format_are_tagged_again_in_place_and_stay_findable_throughout()
    {
        // As a catalogue from before updateFrequency left its rows: without those tags, in a format it never registered.
        await ExecuteAsync($"""
            UPDATE catalogue_search SET filter_tags = array(SELECT t FROM unnest(filter_tags) AS t WHERE t NOT LIKE 'updateFrequency:%'),
                   tag_format = '{Older}'
             WHERE hub_id = '{hub}';
            {RecordChanges}
            """);
        var rows = await ScalarAsync<long>($"SELECT count(*) FROM catalogue_search WHERE hub_id = '{hub}'");
        // Stale rows answer on the tags they have.
        Assert.Equal(["Traffic counts Eindhoven"], CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&keyword=mobility")));

        Host = await Host.RestartAsync();

        await Eventually.Until(() => ScalarAsync<long>($"SELECT count(*) FROM catalogue_search WHERE hub_id = '{hub}' AND tag_format <> '{TagFormat.Current}'"),
            stale => stale == 0, TimeSpan.FromSeconds(20), "the rows to be tagged again");
        Assert.Equal(["Traffic counts Eindhoven"], CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&updateFrequency=MONTHLY")));
        Assert.Equal(["Traffic counts Eindhoven"], CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&keyword=mobility")));
        // In place: every row was updated, none deleted (or truncated) and inserted again, so none was ever missing.
        Assert.Equal(rows, await ScalarAsync<long>($"SELECT count(*) FROM catalogue_search WHERE hub_id = '{hub}'"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM search_row_changes WHERE change <> 'UPDATE'"));
        Assert.Equal(corpus.Select(r => r.Id).ToHashSet(), (await IdsAsync(
            $"SELECT id FROM search_row_changes WHERE change = 'UPDATE' AND tag_format = '{TagFormat.Current}'")).ToHashSet());
    }

    [Fact]
    public async Task Rows_of_a_newer_tag_format_are_not_tagged_back()
    {
        var (traffic, hospital) = (corpus[0].Id, corpus[1].Id);
        // A newer catalogue (registered after this one) tagged the hospital with a tag this one does not make; the
        // traffic counts are still in an older format.
        await ExecuteAsync($"""
            INSERT INTO catalogue_tag_formats (format, generation) SELECT 'a newer format', max(generation) + 1 FROM catalogue_tag_formats;
            UPDATE catalogue_search SET tag_format = 'a newer format', filter_tags = array_append(filter_tags, 'keyword:tagged-by-a-newer-catalogue')
             WHERE id = '{hospital}';
            UPDATE catalogue_search SET tag_format = '{Older}' WHERE id = '{traffic}';
            """);
        var newerTags = await ScalarAsync<string[]>($"SELECT filter_tags FROM catalogue_search WHERE id = '{hospital}'");

        Host = await Host.RestartAsync();

        // The pass that tags the older row again is the one that would touch the newer row, if anything did.
        await Eventually.Until(() => ScalarAsync<string>($"SELECT tag_format FROM catalogue_search WHERE id = '{traffic}'"),
            format => format == TagFormat.Current, TimeSpan.FromSeconds(20), "the older row to be tagged again");
        Assert.Equal("a newer format", await ScalarAsync<string>($"SELECT tag_format FROM catalogue_search WHERE id = '{hospital}'"));
        Assert.Equal(newerTags, await ScalarAsync<string[]>($"SELECT filter_tags FROM catalogue_search WHERE id = '{hospital}'"));
        Assert.Equal(["Hospital admissions Limburg"],
            CatalogueHost.Titles(await Host.SearchAsync($"hub={hub}&keyword=tagged-by-a-newer-catalogue")));
    }

    /// <summary>Records every later row change of the search table, and a truncation, with the tag format it left.</summary>
    private const string RecordChanges = """
        CREATE TABLE IF NOT EXISTS search_row_changes (id uuid, change text NOT NULL, tag_format text);
        TRUNCATE search_row_changes;
        CREATE OR REPLACE FUNCTION record_search_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_LEVEL = 'STATEMENT' THEN
                INSERT INTO search_row_changes (change) VALUES (TG_OP);
            ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO search_row_changes VALUES (OLD.id, TG_OP, OLD.tag_format);
            ELSE
                INSERT INTO search_row_changes VALUES (NEW.id, TG_OP, NEW.tag_format);
            END IF;
            RETURN NULL;
        END $$;
        CREATE OR REPLACE TRIGGER search_row_changed AFTER INSERT OR UPDATE OR DELETE ON catalogue_search
            FOR EACH ROW EXECUTE FUNCTION record_search_row_change();
        CREATE OR REPLACE TRIGGER search_rows_truncated AFTER TRUNCATE ON catalogue_search
            FOR EACH STATEMENT EXECUTE FUNCTION record_search_row_change();
        """;

    private async Task ExecuteAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = data.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<Guid>> IdsAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(Host.Database));
        await using var command = data.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
