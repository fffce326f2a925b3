using Federation.Hub.Audit;
using Federation.ServiceDefaults.Postgres;
using Federation.Testing;
using Npgsql;

namespace Federation.Hub.Tests;

/// <summary>A hub whose audit log was written before the hash chain existed gets every old record chained, in order.</summary>
public sealed class AuditChainMigrationSpecs : IAsyncLifetime
{
    private string name = null!;
    private NpgsqlDataSource database = null!;

    public async ValueTask InitializeAsync()
    {
        name = await LocalInfrastructure.CreateDatabaseAsync("auditchain");
        database = NpgsqlDataSource.Create(LocalInfrastructure.ConnectionString(name));
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        await LocalInfrastructure.DropDatabaseAsync(name);
    }

    [Fact]
    public async Task Records_written_before_the_chain_are_chained_by_the_migration_and_new_ones_follow()
    {
        var steps = EmbeddedSchema.Steps(typeof(AuditLog).Assembly, "Audit");
        var cancellation = TestContext.Current.CancellationToken;
        await SchemaMigrator.MigrateAsync(database, "hub-audit", [steps[0]]);
        // Written as the hub of the first step wrote them (today's AuditLog needs the later steps' tables).
        for (var i = 0; i < 3; i++)
        {
            await using var before = database.CreateCommand("""
                INSERT INTO hub_audit (occurred_at, action, outcome, actor_kind, details) VALUES (now(), 'spec.before', 'done', 'anonymous', jsonb_build_object('i', $1::text))
                """);
            before.Parameters.AddWithValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await before.ExecuteNonQueryAsync(cancellation);
        }

        await SchemaMigrator.MigrateAsync(database, "hub-audit", steps);
        var audit = new AuditLog(database, TimeProvider.System);
        var migrated = await new AuditChain(database).VerifyAsync(at: null, cancellation);
        await audit.AppendAsync(new AuditEntry("spec.after", "done", AuditActor.Anonymous), cancellation);
        var extended = await new AuditChain(database).VerifyAsync(at: null, cancellation);

        Assert.True(migrated.Intact, migrated.Problem);
        Assert.Equal(3, migrated.Verified);
        Assert.True(extended.Intact, extended.Problem);
        Assert.Equal(4, extended.Verified);
    }
}
