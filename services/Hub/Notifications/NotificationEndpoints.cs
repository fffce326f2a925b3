using Federation.Contracts.Hub;
using Federation.Hub.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Federation.Hub.Notifications;

/// <summary>GET /me/notifications and POST /me/notifications/{id}/read: a member reads what other hubs decided for them.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/me/notifications").WithTags("Me").RequireAuthorization(HubAuthorization.Member);
        me.MapGet("/", async (HttpContext http, NpgsqlDataSource database, bool? unread, CancellationToken cancellationToken) =>
        {
            var caller = CallerIdentity.From(http.User)!;
            var items = await ReadAsync(database, caller.Subject, unread ?? false, limit: 200, cancellationToken);
            return TypedResults.Ok(items);
        });
        me.MapPost("/{id:guid}/read", async Task<Results<NoContent, ProblemHttpResult>> (
            Guid id, HttpContext http, NpgsqlDataSource database, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            await using var command = database.CreateCommand(
                "UPDATE member_notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND member_sub = $2");
            command.Parameters.AddWithValue(id);
            command.Parameters.AddWithValue(CallerIdentity.From(http.User)!.Subject);
            command.Parameters.AddWithValue(clock.GetUtcNow());
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1
                ? TypedResults.NoContent()
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"You have no notification {id}.");
        });
        return app;
    }

    /// <summary>A member's notifications, newest first.</summary>
    public static async Task<List<Notification>> ReadAsync(NpgsqlDataSource database, string memberSubject, bool unreadOnly, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT id, from_hub, subject, decision, resource_id, resource_title, reason, access_until, contact, decided_at, received_at, read_at
              FROM member_notifications WHERE member_sub = $1 AND (NOT $2 OR read_at IS NULL)
             ORDER BY received_at DESC LIMIT {limit}
            """);
        command.Parameters.AddWithValue(memberSubject);
        command.Parameters.AddWithValue(unreadOnly);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<Notification>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new Notification(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetGuid(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return items;
    }
}
