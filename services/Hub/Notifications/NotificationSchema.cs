using Federation.ServiceDefaults.Postgres;

namespace Federation.Hub.Notifications;

/// <summary>
/// <c>hub_outbox</c>: decisions this hub owes another hub, written in the transaction that made them and relayed to
/// the broker afterwards (as the feed is). <c>member_notifications</c>: decisions other hubs sent about this hub's
/// members, for the members to read.
/// </summary>
internal static class NotificationSchema
{
    public static readonly IReadOnlyList<SchemaMigration> Steps =
    [
        new(1, "baseline", """
            CREATE TABLE IF NOT EXISTS hub_outbox (
                id           bigserial   PRIMARY KEY,
                message_id   uuid        NOT NULL UNIQUE,
                destination  text        NOT NULL,
                payload      jsonb       NOT NULL,
                created_at   timestamptz NOT NULL,
                published_at timestamptz
            );
            CREATE INDEX IF NOT EXISTS hub_outbox_unpublished ON hub_outbox (id) WHERE published_at IS NULL;
            CREATE TABLE IF NOT EXISTS member_notifications (
                id             uuid PRIMARY KEY,
                member_sub     text        NOT NULL,
                from_hub       text        NOT NULL,
                subject        text        NOT NULL,
                decision       text        NOT NULL,
                resource_id    uuid        NOT NULL,
                resource_title text        NOT NULL,
                reason         text,
                access_until   timestamptz,
                contact        text,
                decided_at     timestamptz NOT NULL,
                received_at    timestamptz NOT NULL,
                read_at        timestamptz
            );
            CREATE INDEX IF NOT EXISTS member_notifications_by_member ON member_notifications (member_sub, received_at DESC);
            """),
    ];
}
