-- Every version of every resource, written in the same transaction as the resource itself, so that each version
-- staff published stays readable at the hub ("what changed" between any two). Resources made before this step get
-- their current version as the first of their history.
CREATE TABLE IF NOT EXISTS hub_resource_versions (
    resource_id uuid        NOT NULL,
    version     integer     NOT NULL,
    state       text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL,
    note        text,
    snapshot    jsonb       NOT NULL,
    PRIMARY KEY (resource_id, version)
);
INSERT INTO hub_resource_versions (resource_id, version, state, changed_at, changed_by, note, snapshot)
SELECT id, version, state, modified_at, 'before history was kept', NULL, snapshot FROM hub_resources
ON CONFLICT DO NOTHING;
