using Federation.Contracts.Hub;
using System.Text.Json;
using Federation.Hub.Access;
using Federation.Hub.Identity.Authorization;
using Federation.Contracts.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Audit;

/// <summary>
/// GET /audit (filtered, newest first, paged by the id of the last record seen) and GET /audit/export (the same
/// filters, oldest first, streamed as JSON lines, up to <c>limit</c> records when one is given): the hub's staff read
/// what happened at their hub; GET /audit/verify checks the log's hash chain (<see cref="AuditChain"/>).
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit").WithTags("Audit").RequireAuthorization(HubAuthorization.Staff);
        audit.MapGet("/", async Task<IResult> ([AsParameters] AuditQuery query, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            if (query.Limit is < 1 or > 1000)
            {
                return Problems.Invalid("limit", "'limit' must be between 1 and 1000.");
            }

            var records = new List<AuditRecord>();
            await foreach (var record in ReadAsync(database, query, newestFirst: true, query.Limit ?? 100, cancellationToken))
            {
                records.Add(record);
            }

            return TypedResults.Ok(new AuditPage(records, records.Count == (query.Limit ?? 100) ? records[^1].Id : null));
        });
        // Walks the whole chain: staff (and the CLI's "audit verify") see whether the log is still as it was written.
        // ?at=n (repeatable) also gives the chain's hash after record n, to compare with a head published earlier.
        audit.MapGet("/verify", async Task<IResult> (long[]? at, AuditChain chain, CancellationToken cancellationToken) =>
        {
            if (at is { Length: > 1000 } || at?.Any(seq => seq < 0) == true)
            {
                return Problems.Invalid("at", "'at' names at most 1000 places in the chain, none below 0.");
            }

            return TypedResults.Ok(await chain.VerifyAsync(at is { Length: > 0 } ? at : null, cancellationToken));
        });
        audit.MapGet("/export", async Task<IResult> ([AsParameters] AuditQuery query, HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            // Streamed, so no upper bound: without a limit the export holds every record that matches.
            if (query.Limit is < 1)
            {
                return Problems.Invalid("limit", "'limit' must be at least 1.");
            }

            http.Response.ContentType = "application/x-ndjson";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.jsonl\"";
            await foreach (var record in ReadAsync(database, query, newestFirst: false, query.Limit, cancellationToken))
            {
                await http.Response.WriteAsync(JsonSerializer.Serialize(record, FederationJson.Options) + "\n", cancellationToken);
            }

            return TypedResults.Empty;
        });
        return app;
    }

    private static async IAsyncEnumerable<AuditRecord> ReadAsync(
        NpgsqlDataSource database, AuditQuery query, bool newestFirst, int? limit, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = newestFirst ? "($7::bigint IS NULL OR a.id < $7)" : "($7::bigint IS NULL OR a.id > $7)";
        await using var command = database.CreateCommand($"""
            SELECT {Columns}
              FROM hub_audit a LEFT JOIN hub_audit_people p ON p.actor_hub = a.actor_hub AND p.actor_sub = a.actor_sub
             WHERE ($1::text IS NULL OR a.action = $1 OR a.action LIKE $1 || '.%') AND ($2::text IS NULL OR a.actor_hub = $2)
               AND ($3::uuid IS NULL OR a.resource_id = $3) AND ($4::timestamptz IS NULL OR a.occurred_at >= $4)
               AND ($5::timestamptz IS NULL OR a.occurred_at < $5) AND ($6::text IS NULL OR a.outcome = $6) AND {cursor}
             ORDER BY a.id {(newestFirst ? "DESC" : "ASC")} {(limit is null ? "" : $"LIMIT {limit}")}
            """);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = query.Action, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = query.ActorHub, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = query.ResourceId, NpgsqlDbType = NpgsqlDbType.Uuid });
        // Npgsql sends timestamptz only from offset 0; a bound given in local time is the same instant in UTC.
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = query.From?.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = query.To?.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = query.Outcome, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = query.After, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return RecordOf(reader);
        }
    }

    /// <summary>
    /// The records that name one person of <paramref name="hubId"/>: as the one who acted, or as the target (their
    /// account), newest first: what "my data" shows them.
    /// </summary>
    public static async Task<IReadOnlyList<AuditRecord>> AboutPersonAsync(
        NpgsqlDataSource database, string hubId, string subject, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns}
              FROM hub_audit a LEFT JOIN hub_audit_people p ON p.actor_hub = a.actor_hub AND p.actor_sub = a.actor_sub
             WHERE (a.actor_hub = $1 AND a.actor_sub = $2) OR a.target = $2 OR a.target = $1 || ':' || $2
                OR a.details->>'grantee' = 'person ' || $1 || ':' || $2
             ORDER BY a.id DESC LIMIT {limit}
            """);
        command.Parameters.AddWithValue(hubId);
        command.Parameters.AddWithValue(subject);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(RecordOf(reader));
        }

        return records;
    }

    // A person's name is kept beside the log (hub_audit_people), so that closing their account can forget it.
    private const string Columns = """
        a.id, a.occurred_at, a.action, a.outcome, a.actor_kind, a.actor_sub, a.actor_hub, coalesce(a.actor_name, p.name), a.resource_id, a.target,
        a.status, a.details, a.trace_id
        """;

    private static AuditRecord RecordOf(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetGuid(8),
        reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetInt32(10),
        JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(11)) ?? [], reader.IsDBNull(12) ? null : reader.GetString(12));

    /// <summary>Filters of the audit log; <see cref="After"/> is the id of the last record of the previous page.</summary>
    public sealed record AuditQuery(string? Action, string? ActorHub, Guid? ResourceId, DateTimeOffset? From, DateTimeOffset? To, string? Outcome, long? After, int? Limit);
}
