CREATE TABLE IF NOT EXISTS hub_mail_outbox (
    id              bigserial   PRIMARY KEY,
    recipient       text        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    sent_at         timestamptz
);
CREATE INDEX IF NOT EXISTS hub_mail_outbox_due ON hub_mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
