CREATE TABLE IF NOT EXISTS identity_organisations (
    id   text PRIMARY KEY,
    name text NOT NULL,
    type text NOT NULL CHECK (type IN ('company', 'university', 'research-institute', 'government', 'other'))
);
CREATE TABLE IF NOT EXISTS identity_members (
    id              uuid PRIMARY KEY,
    username        text        NOT NULL UNIQUE CHECK (username = lower(username)),
    display_name    text        NOT NULL,
    email           text        NOT NULL,
    password_hash   text        NOT NULL,
    organisation_id text        NOT NULL REFERENCES identity_organisations (id),
    roles           text[]      NOT NULL,
    created_at      timestamptz NOT NULL,
    disabled_at     timestamptz
);
