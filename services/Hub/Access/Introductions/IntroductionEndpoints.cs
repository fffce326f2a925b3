using Federation.Contracts;
using Federation.Hub.Audit;
using Federation.Hub.Hosting;
using Federation.Hub.Identity.Authorization;
using Federation.Hub.Notifications;
using Federation.Hub.Resources;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Federation.Hub.Access.Introductions;

/// <summary>
/// A signed-in member of any hub asks for an introduction to an expertise offer; the offering hub's staff accept
/// (which releases the offer's contact details to that member, at home and here) or decline.
/// </summary>
public static class IntroductionEndpoints
{
    private const string Columns = """
        id, offer_id, requester_hub, requester_sub, requester_name, organisation_name, message, state, requested_at, decided_at, decided_by, decision_reason
        """;

    public static IEndpointRouteBuilder MapIntroductions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/resources/{id:guid}/introductions", AskAsync).WithTags("Introductions").RequireAuthorization(HubAuthorization.SignedIn);
        app.MapGet("/me/introductions", async (HttpContext http, NpgsqlDataSource database, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            var caller = CallerIdentity.From(http.User)!;
            var mine = await ListAsync(database, "requester_hub = $1 AND requester_sub = $2", [caller.HomeHub, caller.HomeSubject], cancellationToken);
            var withContacts = new List<Introduction>();
            foreach (var introduction in mine)
            {
                var contact = introduction.State == "accepted" ? (await grains.GetGrain<IResourceGrain>(introduction.OfferId).Get())?.ContactPoint : null;
                withContacts.Add(introduction with { Contact = contact });
            }

            return TypedResults.Ok(withContacts);
        }).WithTags("Introductions").RequireAuthorization(HubAuthorization.SignedIn);

        var staff = app.MapGroup("/introductions").WithTags("Introductions").RequireAuthorization(HubAuthorization.Staff);
        staff.MapGet("/", async (string? state, NpgsqlDataSource database, CancellationToken cancellationToken) =>
            TypedResults.Ok(await ListAsync(database, "($1::text IS NULL OR state = $1)", [state], cancellationToken)));
        staff.MapPost("/{introductionId:guid}/accept", (Guid introductionId, DenialLikeInput? input, HttpContext http, IServiceProvider services, CancellationToken cancellationToken) =>
            DecideAsync(introductionId, "accepted", input?.Reason, http, services, cancellationToken));
        staff.MapPost("/{introductionId:guid}/decline", (Guid introductionId, DenialLikeInput? input, HttpContext http, IServiceProvider services, CancellationToken cancellationToken) =>
            input?.Reason is not { Length: > 0 and <= 1000 }
                ? Task.FromResult<IResult>(Problems.Invalid("reason", "Give a reason (1 to 1000 characters)."))
                : DecideAsync(introductionId, "declined", input.Reason, http, services, cancellationToken));
        return app;
    }

    private static async Task<IResult> AskAsync(
        Guid id, IntroductionInput? input, HttpContext http, IGrainFactory grains, NpgsqlDataSource database, AuditLog audit, AuditActors actors,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var message = input?.Message?.Trim() ?? "";
        if (message.Length is < 10 or > 2000)
        {
            return Problems.Invalid("message", "Introduce yourself and your question in 10 to 2000 characters.");
        }

        var offer = await grains.GetGrain<IResourceGrain>(id).Get();
        if (offer is not { Kind: ResourceKind.Expertise, State: ResourceState.Published })
        {
            return Problems.NotFound($"There is no published expertise offer {id} at this hub.");
        }

        var caller = CallerIdentity.From(http.User)!;
        var introduction = new Introduction(Guid.CreateVersion7(), id, caller.HomeHub, caller.HomeSubject, caller.Name, caller.OrganisationName,
            message, "pending", clock.GetUtcNow(), null, null, null);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO introductions ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, NULL, NULL, NULL)
            ON CONFLICT (offer_id, requester_hub, requester_sub) WHERE state = 'pending' DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue(introduction.Id);
        insert.Parameters.AddWithValue(id);
        insert.Parameters.AddWithValue(introduction.RequesterHub);
        insert.Parameters.AddWithValue(introduction.RequesterSubject);
        insert.Parameters.AddWithValue(introduction.RequesterName);
        insert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = introduction.OrganisationName, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.AddWithValue(message);
        insert.Parameters.AddWithValue(introduction.RequestedAt);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return Problems.Conflict("You already asked for an introduction to this offer; wait for the hub's answer.");
        }

        await audit.AppendAsync(new AuditEntry("introduction.requested", "done", actors.Of(http.User), id, introduction.Id.ToString()), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/me/introductions/{introduction.Id}", introduction);
    }

    private static async Task<IResult> DecideAsync(Guid introductionId, string decision, string? reason, HttpContext http, IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<NpgsqlDataSource>();
        var actor = services.GetRequiredService<AuditActors>().Of(http.User);
        var caller = CallerIdentity.From(http.User)!;
        var found = (await ListAsync(database, "id = $1", [introductionId], cancellationToken)).FirstOrDefault();
        if (found is null)
        {
            return Problems.NotFound($"There is no introduction request {introductionId} at this hub.");
        }

        if (found.RequesterHub == caller.HomeHub && found.RequesterSubject == caller.HomeSubject)
        {
            return Problems.Forbidden("You cannot answer your own request for an introduction.");
        }

        var offer = await services.GetRequiredService<IGrainFactory>().GetGrain<IResourceGrain>(found.OfferId).Get();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand("""
            UPDATE introductions SET state = $2, decided_at = $3, decided_by = $4, decision_reason = $5 WHERE id = $1 AND state = 'pending'
            """, connection, transaction);
        update.Parameters.AddWithValue(introductionId);
        update.Parameters.AddWithValue(decision);
        update.Parameters.AddWithValue(now);
        update.Parameters.AddWithValue(actor.Describe());
        update.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = reason, NpgsqlDbType = NpgsqlDbType.Text });
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return Problems.Conflict($"The request was already {found.State}.");
        }

        var contact = decision == "accepted" ? offer?.ContactPoint : null;
        await services.GetRequiredService<AuditLog>().AppendAsync(new AuditEntry($"introduction.{decision}", "done", actor, found.OfferId, introductionId.ToString(),
            Details: new Dictionary<string, string?> { ["requester"] = $"{found.RequesterHub}:{found.RequesterSubject}", ["reason"] = reason }), connection, transaction, cancellationToken);
        await services.GetRequiredService<Outbox>().EnqueueAsync(new DecisionMade(
            Guid.CreateVersion7(), services.GetRequiredService<IOptions<HubOptions>>().Value.Id, found.RequesterHub, found.RequesterSubject, "introduction",
            decision, found.OfferId, offer?.Title ?? "", reason, null, contact, now), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        services.GetRequiredService<OutboxSignal>().Notify();
        return TypedResults.Ok(found with { State = decision, DecidedAt = now, DecidedBy = actor.Describe(), DecisionReason = reason, Contact = contact });
    }

    private static async Task<IReadOnlyList<Introduction>> ListAsync(NpgsqlDataSource database, string where, object?[] values, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM introductions WHERE {where} ORDER BY requested_at DESC LIMIT 500");
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                Guid guid => new NpgsqlParameter<Guid> { TypedValue = guid },
                _ => new NpgsqlParameter<string?> { TypedValue = value as string, NpgsqlDbType = NpgsqlDbType.Text },
            });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<Introduction>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Introduction(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return list;
    }

    public sealed record DenialLikeInput(string? Reason);
}
