using Dapper;
using Federation.Hub.Writes;

namespace Federation.Hub.Notifications;

/// <summary>
/// Notifications this hub writes for its own members, beside those other hubs' decisions become: what became of an
/// application for compute (returned by staff here, endorsed, awarded or rejected by the facility).
/// </summary>
public static class MemberNotifications
{
    public static Task AddAsync(
        Guid id, string memberSubject, string fromMember, string subject, string decision, Guid aboutId, string aboutTitle, string? reason,
        DateTimeOffset? until, DateTimeOffset decidedAt, DateTimeOffset now, HubUnitOfWork work, CancellationToken cancellationToken) =>
        work.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO member_notifications
                (id, member_sub, from_hub, subject, decision, resource_id, resource_title, reason, access_until, contact, decided_at, received_at)
            VALUES (@id, @memberSubject, @fromMember, @subject, @decision, @aboutId, @aboutTitle, @reason, @until, NULL, @decidedAt, @now)
            ON CONFLICT (id) DO NOTHING
            """, new { id, memberSubject, fromMember, subject, decision, aboutId, aboutTitle, reason, until, decidedAt, now }, work.Transaction,
            cancellationToken: cancellationToken));
}
