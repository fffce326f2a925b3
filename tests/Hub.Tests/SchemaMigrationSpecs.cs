using Federation.Hub.Hosting;
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

    // The checksum each step of the hub had when it was first released: a database that applied it refuses a program
    // whose step reads otherwise, so an edit must fail here, before any hub meets it. A new step is a new file.
    public static TheoryData<string, int, string> ReleasedHubSteps => new()
    {
        { "Access", 1, "e29823e6d2ef8c32c8c5762f0fdc7a4f6bf1da55f59a4bdb2d8007ead65a065c" },
        { "Artifacts", 1, "12a2fe51bb3d2782915fe955d5ae8dcf4400d903e6311b413f45b9580647bd73" },
        { "Audit", 1, "0212fde3ef89d0bd397b0e14d129eca45fcbf5b3205b985e6ce30b8c7a5af40c" },
        { "Audit", 4, "07ae03a36925198e14613c3714780cc775efa5fbf85029310ff935ded653b311" },
        { "Audit", 5, "a734a817d0b6d50afc7a12f09555dcb3c2067592affee71ceec9989b861d8e24" },
        { "Audit", 6, "526d6a479b95f947ab0bd6c7e778e2f752c109398d86c0d8b9a054d843930455" },
        { "Hosting", 1, "aec82f8353160b3491e965239c73571eca226f3c7f26c1ac3d44d559f8c82ecc" },
        { "Hosting/Clustering", 1, "574ccfd9c59193b6065c5ccd54d23e20f2a1e233184a0e77c96683c3b67ace89" },
        // Identity/Accounts (1) was retired whole: its tables moved into Entity Framework's "Accounts" migration, which
        // copies their rows over; no hub applies that step any more (AccountMigrationSpecs).
        { "Identity/Store", 1, "b00df061cc14dd43996a21df0306f32ae247fb3643a0b83b3aec5e846a341137" },
        { "Identity/TrustList", 1, "55725fce1335be976d8122f87a47381258ea0cea613a5e00b9f15583e880f673" },
        { "Mail", 1, "904bd255213319a541bb4c298d94dd51e305b7c58a008f85943334c70799690f" },
        { "Notifications", 1, "eba5be4da5b4ae266839fe952882e0e3815e377f44c089480ffc929129a5a765" },
        { "Notifications", 2, "9026af5a7721d65ba440fe2f6c87f4cb70a52e979bd04d92d06ade7fc1d3f86c" },
        { "People", 1, "da1f8f55f2004131a29d67e1410fb79e918ecc532571d5019c58190246511328" },
        { "People", 2, "ffd40a0876b0c1f183ad5546927a8a4ed74c122a2ff86725766a0af207e43b0e" },
        { "People", 3, "e61992e8e17bf6115b286767d2235f32d821f71f203d582cbdd38ef786a51a12" },
    };

    [Theory]
    [MemberData(nameof(ReleasedHubSteps))]
    public async Task A_released_schema_file_of_the_hub_is_never_edited_and_applies_to_a_new_database(string folder, int version, string checksum)
    {
        var steps = EmbeddedSchema.Steps(typeof(HubDatabase).Assembly, folder);

        var released = Assert.Single(steps, step => step.Version == version);
        Assert.Equal(checksum, SchemaMigrator.ChecksumOf(released));
        Assert.Equal(steps.Select(step => step.Version), await SchemaMigrator.MigrateAsync(database, folder, steps));
    }
}

