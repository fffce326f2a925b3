-- Tokens of other hubs already exchanged here: each is good for one exchange, so one copied from a log or a proxy
-- cannot be exchanged again. Kept until the token would have expired anyway.
CREATE TABLE IF NOT EXISTS hub_spent_subject_tokens (
    issuer     text        NOT NULL,
    token_id   text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (issuer, token_id)
);

CREATE INDEX IF NOT EXISTS hub_spent_subject_tokens_expiry ON hub_spent_subject_tokens (expires_at);
