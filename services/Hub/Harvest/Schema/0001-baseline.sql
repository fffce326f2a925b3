-- Catalogues this hub mirrors, the runs that mirror them, and which resource stands for which dataset of a source.
CREATE TABLE IF NOT EXISTS harvest_sources (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    url text NOT NULL,
    schedule text NOT NULL,                      -- ISO 8601 duration between runs, or 'manual'
    access_policy text NOT NULL,
    licence text,
    organisation text NOT NULL,
    publisher text NOT NULL,
    withdrawal_limit_percent integer NOT NULL,
    enabled boolean NOT NULL,
    version integer NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    next_run_at timestamptz,
    consecutive_failures integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS harvest_sources_by_url ON harvest_sources (url);

CREATE TABLE IF NOT EXISTS harvest_runs (
    id uuid PRIMARY KEY,
    source_id uuid NOT NULL REFERENCES harvest_sources (id) ON DELETE CASCADE,
    state text NOT NULL,                         -- queued, running, succeeded, failed, held, confirmed
    dry_run boolean NOT NULL,
    started_by text NOT NULL,
    queued_at timestamptz NOT NULL,
    started_at timestamptz,
    finished_at timestamptz,
    heartbeat_at timestamptz,
    pages_read integer NOT NULL DEFAULT 0,
    total_datasets integer,
    datasets_seen integer NOT NULL DEFAULT 0,
    created integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    unchanged integer NOT NULL DEFAULT 0,
    withdrawn integer NOT NULL DEFAULT 0,
    kept_local_edits integer NOT NULL DEFAULT 0,
    refused integer NOT NULL DEFAULT 0,
    would_withdraw integer NOT NULL DEFAULT 0,
    refusals jsonb NOT NULL DEFAULT '[]',
    withheld jsonb NOT NULL DEFAULT '[]',        -- the identifiers a held run would withdraw, for staff to confirm
    error text,
    attempt integer NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS harvest_runs_by_source ON harvest_runs (source_id, queued_at DESC);
-- At most one run of a source is queued or running at a time.
CREATE UNIQUE INDEX IF NOT EXISTS harvest_runs_one_active ON harvest_runs (source_id) WHERE state IN ('queued', 'running');

CREATE TABLE IF NOT EXISTS harvest_records (
    source_id uuid NOT NULL REFERENCES harvest_sources (id) ON DELETE CASCADE,
    source_identifier text NOT NULL,
    resource_id uuid NOT NULL UNIQUE,
    content_hash text NOT NULL,                  -- of what the source last said, as read
    harvested_version integer NOT NULL,          -- the resource's version after the harvester last wrote it
    first_seen_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    last_changed_at timestamptz NOT NULL,
    source_modified timestamptz,
    source_changed_since_edit boolean NOT NULL DEFAULT false,
    gone_from_source boolean NOT NULL DEFAULT false,
    PRIMARY KEY (source_id, source_identifier)
);
