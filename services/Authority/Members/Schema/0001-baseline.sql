-- The members of the federation as the authority admitted them. A removed member's row stays, so its id and entity
-- id are never given to another.
CREATE TABLE IF NOT EXISTS authority_members (
    member_id    text        PRIMARY KEY,
    entity_id    text        NOT NULL UNIQUE,
    display_name text        NOT NULL,
    kind         text        NOT NULL,
    issuer       text        NOT NULL UNIQUE,
    api_base_url text        NOT NULL,
    public_keys  text[]      NOT NULL,
    state        text        NOT NULL CHECK (state IN ('active', 'suspended', 'removed')),
    changed_at   timestamptz NOT NULL,
    reason       text
);

-- Every admission, change, suspension, reinstatement and removal, append-only.
CREATE TABLE IF NOT EXISTS authority_audit (
    id          bigserial   PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    action      text        NOT NULL,
    member_id   text        NOT NULL,
    reason      text,
    details     jsonb       NOT NULL DEFAULT '{}'
);

CREATE OR REPLACE FUNCTION authority_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'authority_audit is append-only: % refused', TG_OP;
END $$;
CREATE OR REPLACE TRIGGER authority_audit_no_change BEFORE UPDATE OR DELETE ON authority_audit
    FOR EACH ROW EXECUTE FUNCTION authority_audit_is_append_only();
