CREATE TABLE IF NOT EXISTS hub_artifacts (
    id          uuid PRIMARY KEY,
    resource_id uuid        NOT NULL,
    file_name   text        NOT NULL,
    media_type  text        NOT NULL,
    size_bytes  bigint      NOT NULL,
    sha256      text        NOT NULL,
    storage_key text        NOT NULL,
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_artifacts_by_resource ON hub_artifacts (resource_id, uploaded_at);
