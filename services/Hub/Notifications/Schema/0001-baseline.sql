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
