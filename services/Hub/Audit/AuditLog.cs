using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Federation.Hub.Audit;

/// <summary>
/// Appends to the audit log: inside a unit of work when the record belongs to a change (so it commits with it), else
/// alone (refusals, downloads).
/// </summary>
public sealed class AuditLog(NpgsqlDataSource database, TimeProvider clock)
{
    private const string Sql = """
        INSERT INTO hub_audit (occurred_at, action, outcome, actor_kind, actor_sub, actor_hub, actor_name, resource_id, target, status, details, trace_id)
        VALUES (@OccurredAt, @Action, @Outcome, @ActorKind, @ActorSub, @ActorHub, @ActorName, @ResourceId, @Target, @Status, CAST(@Details AS jsonb), @TraceId)
        """;

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await AppendAsync(entry, connection, null, cancellationToken);
    }

    public Task AppendAsync(AuditEntry entry, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            OccurredAt = clock.GetUtcNow(),
            entry.Action,
            entry.Outcome,
            ActorKind = entry.Actor.Kind,
            ActorSub = entry.Actor.Subject,
            ActorHub = entry.Actor.HomeHub,
            ActorName = entry.Actor.Name,
            entry.ResourceId,
            entry.Target,
            entry.Status,
            Details = JsonSerializer.Serialize(entry.Details ?? new Dictionary<string, string?>()),
            TraceId = Activity.Current?.TraceId.ToString(),
        }, transaction, cancellationToken: cancellationToken));
}
