CREATE SEQUENCE IF NOT EXISTS hub_revoked_people_changes;
CREATE TABLE IF NOT EXISTS hub_revoked_people (
    home_hub  text        NOT NULL,
    subject   text        NOT NULL,
    standing  text        NOT NULL CHECK (standing IN ('suspended', 'removed')),
    reason    text        NOT NULL,
    since     timestamptz NOT NULL,
    lifted_at timestamptz,
    change    bigint      NOT NULL,
    PRIMARY KEY (home_hub, subject)
);
CREATE INDEX IF NOT EXISTS hub_revoked_people_by_change ON hub_revoked_people (change);
