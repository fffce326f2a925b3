using Federation.ServiceDefaults.Postgres;
using Federation.Testing;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>Numbered schema steps on a real PostgreSQL database: applied once, in order, all or nothing, and never edited.</summary>
public sealed class SchemaMigrationSpecs : IAsyncLifetime
{
    private static readonly SchemaMigration First = new(1, "baseline", "CREATE TABLE IF NOT EXISTS spec_things (id integer PRIMARY KEY);");
    private static readonly SchemaMigration Second = new(2, "add a name", "ALTER TABLE spec_things ADD COLUMN name text;");

    private string name = null!;
    private NpgsqlDataSource database = null!;

    public async ValueTask InitializeAsync()
    {
        name = await LocalInfrastructure.CreateDatabaseAsync("migrations");
        database = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(name));
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        await LocalInfrastructure.DropDatabaseAsync(name);
    }

    [Fact]
    public async Task A_new_database_gets_every_step_once_and_a_later_start_applies_only_what_is_new()
    {
        Assert.Equal([1], await SchemaMigrator.MigrateAsync(database, "spec", [First]));
        Assert.Empty(await SchemaMigrator.MigrateAsync(database, "spec", [First]));
        Assert.Equal([2], await SchemaMigrator.MigrateAsync(database, "spec", [First, Second]));
        Assert.Empty(await SchemaMigrator.MigrateAsync(database, "spec", [First, Second]));

        await using var command = database.CreateCommand("SELECT string_agg(version || ':' || name, ',' ORDER BY version) FROM schema_migrations WHERE schema_name = 'spec'");
        Assert.Equal("1:baseline,2:add a name", await command.ExecuteScalarAsync());
        await using var insert = database.CreateCommand("INSERT INTO spec_things (id, name) VALUES (1, 'has the column of step 2')");
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task A_step_that_fails_leaves_the_schema_as_it_was()
    {
        var broken = new SchemaMigration(2, "broken", "ALTER TABLE spec_things ADD COLUMN name text; SELECT 1/0;");

        await Assert.ThrowsAsync<PostgresException>(() => SchemaMigrator.MigrateAsync(database, "spec", [First, broken]));

        // Not even step 1 stayed: the whole start is one transaction.
        await using var command = database.CreateCommand("SELECT to_regclass('spec_things') IS NULL AND to_regclass('schema_migrations') IS NULL");
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task An_applied_step_that_was_edited_since_is_refused_before_anything_changes()
    {
        await SchemaMigrator.MigrateAsync(database, "spec", [First]);
        var edited = First with { Sql = "CREATE TABLE IF NOT EXISTS spec_things (id bigint PRIMARY KEY);" };

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(database, "spec", [edited, Second]));

        Assert.Contains("Step 1 (baseline) of the spec schema was changed", refusal.Message, StringComparison.Ordinal);
        await using var command = database.CreateCommand("SELECT count(*) FROM schema_migrations WHERE schema_name = 'spec'");
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_database_newer_than_the_program_is_refused()
    {
        await SchemaMigrator.MigrateAsync(database, "spec", [First, Second]);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(database, "spec", [First]));

        Assert.Contains("newer than this program knows", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_out_of_order_are_a_programming_error_caught_at_start()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(database, "spec", [Second, First]));
    }

    [Fact]
    public async Task Processes_starting_together_apply_each_step_once()
    {
        // Two schemas of one database, each started three times at once, as the silos of a hub start.
        static SchemaMigration[] StepsOf(string table) =>
            [new(1, "baseline", $"CREATE TABLE {table} (id integer PRIMARY KEY);"), new(2, "add a name", $"ALTER TABLE {table} ADD COLUMN name text;")];
        var starts = Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? SchemaMigrator.MigrateAsync(database, "spec", StepsOf("spec_things"))
            : SchemaMigrator.MigrateAsync(database, "other", StepsOf("other_things")));

        var applied = await Task.WhenAll(starts);

        // Plain CREATE and ADD COLUMN would fail if a step ran twice: each schema's steps ran in exactly one start.
        Assert.Equal(2, applied.Count(versions => versions.Count == 2));
        Assert.Equal(4, applied.Count(versions => versions.Count == 0));
    }
}
