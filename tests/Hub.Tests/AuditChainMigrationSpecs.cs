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
        var audit = new AuditLog(database, TimeProvider.System);
        for (var i = 0; i < 3; i++)
        {
            await audit.AppendAsync(new AuditEntry("spec.before", "done", AuditActor.Anonymous, Details: new Dictionary<string, string?> { ["i"] = $"{i}" }), cancellation);
        }

        await SchemaMigrator.MigrateAsync(database, "hub-audit", steps);
        var migrated = await new AuditChain(database).VerifyAsync(at: null, cancellation);
        await audit.AppendAsync(new AuditEntry("spec.after", "done", AuditActor.Anonymous), cancellation);
        var extended = await new AuditChain(database).VerifyAsync(at: null, cancellation);

        Assert.True(migrated.Intact, migrated.Problem);
        Assert.Equal(3, migrated.Verified);
        Assert.True(extended.Intact, extended.Problem);
        Assert.Equal(4, extended.Verified);
    }
}
