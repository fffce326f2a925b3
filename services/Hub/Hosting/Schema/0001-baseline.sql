CREATE TABLE IF NOT EXISTS hub_resources (
    id            uuid PRIMARY KEY,
    kind          text        NOT NULL,
    state         text        NOT NULL,
    version       integer     NOT NULL,
    -- sequence of the latest feed entry about this resource; null while the federation never saw it
    last_sequence bigint,
    digest_term   bigint,
    created_at    timestamptz NOT NULL,
    modified_at   timestamptz NOT NULL,
    snapshot      jsonb       NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_resources_by_sequence ON hub_resources (last_sequence) WHERE last_sequence IS NOT NULL;
CREATE INDEX IF NOT EXISTS hub_resources_by_modified ON hub_resources (modified_at DESC, id);
CREATE TABLE IF NOT EXISTS hub_feed (
    sequence     bigserial   PRIMARY KEY,
    resource_id  uuid        NOT NULL,
    version      integer     NOT NULL,
    change       text        NOT NULL,
    changed_by   text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    snapshot     jsonb       NOT NULL,
    published_at timestamptz,
    -- W3C traceparent of the request that made the change, so the relay's publish joins that request's trace.
    trace_parent text
);
-- A database made before the steps were numbered may lack this later column; from step 2 on, plain DDL.
ALTER TABLE hub_feed ADD COLUMN IF NOT EXISTS trace_parent text;
CREATE INDEX IF NOT EXISTS hub_feed_unpublished ON hub_feed (sequence) WHERE published_at IS NULL;
-- The identity of this feed's life: a database that is reset or restored from elsewhere gets a new one.
CREATE TABLE IF NOT EXISTS hub_feed_identity (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    feed_id   uuid    NOT NULL
);
INSERT INTO hub_feed_identity (singleton, feed_id) VALUES (true, gen_random_uuid()) ON CONFLICT DO NOTHING;
