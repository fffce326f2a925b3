using Npgsql;

namespace Federation.ServiceDefaults.Postgres;

/// <summary>
/// Who may change a service's schema and who only uses it. With an owner connection configured, the schema steps (and
/// any other migration) run as the owner, and afterwards the application's role gets exactly the rights it needs:
/// reading and writing the tables, but on the tables a step declared append-only (<c>schema_append_only_tables</c>)
/// only SELECT and INSERT. The application's role owns nothing, so it cannot alter a table, drop a trigger or revoke
/// its own limits: whoever holds its password (or the running process) cannot rewrite the audit log. Without an owner
/// connection the service runs with one role, as in a quick local try-out.
/// </summary>
public sealed class SchemaOwnership(NpgsqlDataSource owner, string? applicationRole)
{
    /// <summary>The key under which the owner's data source is registered when there is one.</summary>
    public const string OwnerKey = "schema-owner";

    public NpgsqlDataSource Owner => owner;

    /// <summary>The application's role, or null when the application connects as the owner.</summary>
    public string? ApplicationRole => applicationRole;

    /// <summary>Gives the application's role its rights on every table there is now; nothing when it is the owner itself.</summary>
    public async Task GrantApplicationRightsAsync(CancellationToken cancellationToken)
    {
        if (applicationRole is null)
        {
            return;
        }

        var role = Quoted(applicationRole);
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var grant = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {role};
            REVOKE INSERT, UPDATE, DELETE ON schema_migrations, schema_append_only_tables FROM {role};
            """, connection, transaction))
        {
            await grant.ExecuteNonQueryAsync(cancellationToken);
        }

        var appendOnly = new List<string>();
        await using (var read = new NpgsqlCommand("SELECT table_name FROM schema_append_only_tables WHERE to_regclass(table_name) IS NOT NULL", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                appendOnly.Add(reader.GetString(0));
            }
        }

        foreach (var table in appendOnly)
        {
            await using var revoke = new NpgsqlCommand($"REVOKE UPDATE, DELETE ON {Quoted(table)} FROM {role}", connection, transaction);
            await revoke.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Quoted(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
