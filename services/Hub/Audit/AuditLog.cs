using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Audit;

/// <summary>Appends to the audit log: inside the caller's transaction when the record belongs to a change, else alone.</summary>
public sealed class AuditLog(NpgsqlDataSource database, TimeProvider clock)
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await AppendAsync(entry, connection, null, cancellationToken);
    }

    public async Task AppendAsync(AuditEntry entry, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO hub_audit (occurred_at, action, outcome, actor_kind, actor_sub, actor_hub, actor_name, resource_id, target, status, details, trace_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, connection, transaction);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(entry.Action);
        command.Parameters.AddWithValue(entry.Outcome);
        command.Parameters.AddWithValue(entry.Actor.Kind);
        command.Parameters.Add(Text(entry.Actor.Subject));
        command.Parameters.Add(Text(entry.Actor.HomeHub));
        command.Parameters.Add(Text(entry.Actor.Name));
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = entry.ResourceId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(Text(entry.Target));
        command.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = entry.Status, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(entry.Details ?? new Dictionary<string, string?>()));
        command.Parameters.Add(Text(Activity.Current?.TraceId.ToString()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<string?> Text(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };
}
