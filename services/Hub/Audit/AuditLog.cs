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
    // The record first: it takes the chain's head row, which every append takes, so two appends never wait for each
    // other's name row in opposite order. A person's name goes beside the log (hub_audit_people), never into it.
    private const string Sql = """
        INSERT INTO hub_audit (occurred_at, action, outcome, actor_kind, actor_sub, actor_hub, actor_name, resource_id, target, status, details, trace_id)
        VALUES (@OccurredAt, @Action, @Outcome, @ActorKind, @ActorSub, @ActorHub, @ActorName, @ResourceId, @Target, @Status, CAST(@Details AS jsonb), @TraceId);
        INSERT INTO hub_audit_people (actor_hub, actor_sub, name)
        SELECT @ActorHub, @ActorSub, @PersonName WHERE @PersonName IS NOT NULL
        ON CONFLICT (actor_hub, actor_sub) DO UPDATE SET name = excluded.name WHERE hub_audit_people.name IS DISTINCT FROM excluded.name;
        """;

    /// <summary>Whether the actor is a person, whose name is kept beside the log so that it can be forgotten.</summary>
    public static bool IsPerson(AuditActor actor) => actor.Kind is "member" or "guest" && actor.Subject is not null && actor.HomeHub is not null;

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
            ActorName = IsPerson(entry.Actor) ? null : entry.Actor.Name,
            PersonName = IsPerson(entry.Actor) ? entry.Actor.Name : null,
            entry.ResourceId,
            entry.Target,
            entry.Status,
            Details = JsonSerializer.Serialize(entry.Details ?? new Dictionary<string, string?>()),
            TraceId = Activity.Current?.TraceId.ToString(),
        }, transaction, cancellationToken: cancellationToken));
}
