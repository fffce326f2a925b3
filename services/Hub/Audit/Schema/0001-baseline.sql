CREATE TABLE IF NOT EXISTS hub_audit (
    id          bigserial   PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    action      text        NOT NULL,
    outcome     text        NOT NULL,
    actor_kind  text        NOT NULL,
    actor_sub   text,
    actor_hub   text,
    actor_name  text,
    resource_id uuid,
    target      text,
    status      integer,
    details     jsonb       NOT NULL DEFAULT '{}',
    trace_id    text
);
CREATE INDEX IF NOT EXISTS hub_audit_by_resource ON hub_audit (resource_id, id) WHERE resource_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS hub_audit_by_actor ON hub_audit (actor_hub, actor_sub, id);
CREATE INDEX IF NOT EXISTS hub_audit_by_action ON hub_audit (action, id);
CREATE OR REPLACE FUNCTION hub_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hub_audit is append-only: % refused', TG_OP;
END $$;
CREATE OR REPLACE TRIGGER hub_audit_no_change BEFORE UPDATE OR DELETE ON hub_audit
    FOR EACH ROW EXECUTE FUNCTION hub_audit_is_append_only();
CREATE OR REPLACE TRIGGER hub_audit_no_truncate BEFORE TRUNCATE ON hub_audit
    FOR EACH STATEMENT EXECUTE FUNCTION hub_audit_is_append_only();
