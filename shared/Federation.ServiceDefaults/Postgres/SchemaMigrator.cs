using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Federation.ServiceDefaults.Postgres;

/// <summary>
/// Brings one schema of a database up to the newest of its <see cref="SchemaMigration"/>s: the steps not yet applied
/// run in order, in one transaction with their record in <c>schema_migrations</c>, so a failed step leaves the schema
/// as it was. It refuses, before changing anything, a database that is newer than the code (a step it does not know)
/// or whose applied step was edited since (its checksum differs): either would mean running on a schema nobody wrote
/// this code for.
/// </summary>
public static class SchemaMigrator
{
    // One lock for every schema of a database: each service starts several schemas at once, and two processes (silos,
    // replicas) start together; CREATE TABLE IF NOT EXISTS itself is not safe against a concurrent twin.
    private const string LockName = "schema_migrations";

    /// <summary>
    /// Applies what is missing, then <paramref name="atEveryStart"/> if given; returns the versions applied now (none
    /// when the schema was current).
    /// </summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        NpgsqlDataSource database, string schema, IReadOnlyList<SchemaMigration> migrations, string? atEveryStart = null,
        CancellationToken cancellationToken = default)
    {
        CheckOrder(schema, migrations);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, transaction))
        {
            command.Parameters.AddWithValue(LockName);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                schema_name text        NOT NULL,
                version     integer     NOT NULL,
                name        text        NOT NULL,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (schema_name, version)
            );
            -- Tables a step declares append-only: the application's role may only read and add to them (SchemaOwnership).
            CREATE TABLE IF NOT EXISTS schema_append_only_tables (table_name text PRIMARY KEY);
            """, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = await AppliedAsync(connection, transaction, schema, cancellationToken);
        var known = migrations.ToDictionary(migration => migration.Version);
        foreach (var (version, checksum) in applied)
        {
            if (!known.TryGetValue(version, out var migration))
            {
                throw new InvalidOperationException(
                    $"The database's {schema} schema is at version {applied.Keys.Max()}, newer than this program knows ({migrations[^1].Version}): run a newer version of the program.");
            }

            if (checksum != ChecksumOf(migration))
            {
                throw new InvalidOperationException(
                    $"Step {version} ({migration.Name}) of the {schema} schema was changed after it was applied. Applied steps never change: add a new step instead.");
            }
        }

        var now = new List<int>();
        foreach (var migration in migrations.Where(migration => !applied.ContainsKey(migration.Version)))
        {
            await using (var step = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (schema_name, version, name, checksum) VALUES ($1, $2, $3, $4)", connection, transaction);
            record.Parameters.AddWithValue(schema);
            record.Parameters.AddWithValue(migration.Version);
            record.Parameters.AddWithValue(migration.Name);
            record.Parameters.AddWithValue(ChecksumOf(migration));
            await record.ExecuteNonQueryAsync(cancellationToken);
            now.Add(migration.Version);
        }

        if (atEveryStart is not null)
        {
            await using var check = new NpgsqlCommand(atEveryStart, connection, transaction);
            await check.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    /// <summary>The text a step is recognised by: its SQL, with line endings made alike (a checkout on Windows is the same step).</summary>
    public static string ChecksumOf(SchemaMigration migration) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(migration.Sql.ReplaceLineEndings("\n").Trim())));

    private static void CheckOrder(string schema, IReadOnlyList<SchemaMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The steps of the {schema} schema must be numbered 1, 2, 3 … in order; step {i + 1} is numbered {migrations[i].Version}.");
            }
        }
    }

    private static async Task<Dictionary<int, string>> AppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations WHERE schema_name = $1", connection, transaction);
        command.Parameters.AddWithValue(schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }
}
