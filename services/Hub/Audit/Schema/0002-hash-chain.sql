-- The audit log becomes a hash chain: each record carries its place in the chain (chain_seq), the hash of the record
-- before it (prev_hash) and its own hash, SHA-256 over prev_hash and the record's canonical form. Changing, removing
-- or inserting any record afterwards changes every hash after it, so a rewritten history no longer matches a chain
-- head published earlier. The chain is extended by a trigger, under a lock on the one head row, so records of
-- concurrent transactions still form one gapless chain in commit order of the head; a rolled-back record takes its
-- place in the chain back with it.

ALTER TABLE hub_audit ADD COLUMN IF NOT EXISTS chain_seq bigint;
ALTER TABLE hub_audit ADD COLUMN IF NOT EXISTS prev_hash bytea;
ALTER TABLE hub_audit ADD COLUMN IF NOT EXISTS hash bytea;

CREATE TABLE IF NOT EXISTS hub_audit_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq       bigint NOT NULL,
    hash      bytea  NOT NULL
);

-- One field of the canonical form: its length in bytes, a colon, the value and a semicolon; '~;' for null. Lengths
-- make the form unambiguous whatever the values hold. AuditChain (C#) writes exactly the same bytes to verify.
CREATE OR REPLACE FUNCTION hub_audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '~;' ELSE octet_length(value)::text || ':' || value || ';' END
$$;

CREATE OR REPLACE FUNCTION hub_audit_canonical(r hub_audit) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT convert_to(
        hub_audit_field(r.chain_seq::text) ||
        hub_audit_field(((extract(epoch FROM r.occurred_at) * 1000000)::bigint)::text) ||
        hub_audit_field(r.action) || hub_audit_field(r.outcome) || hub_audit_field(r.actor_kind) ||
        hub_audit_field(r.actor_sub) || hub_audit_field(r.actor_hub) || hub_audit_field(r.actor_name) ||
        hub_audit_field(r.resource_id::text) || hub_audit_field(r.target) || hub_audit_field(r.status::text) ||
        hub_audit_field(r.details::text) || hub_audit_field(r.trace_id),
        'UTF8')
$$;

-- Records written before the chain existed are chained first, in the order they were written.
DO $$
DECLARE
    r hub_audit;
    head_hash bytea := decode(repeat('00', 32), 'hex');
    head_seq bigint := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM hub_audit_head) THEN
        ALTER TABLE hub_audit DISABLE TRIGGER hub_audit_no_change;
        FOR r IN SELECT * FROM hub_audit ORDER BY id LOOP
            head_seq := head_seq + 1;
            r.chain_seq := head_seq;
            r.prev_hash := head_hash;
            r.hash := sha256(head_hash || hub_audit_canonical(r));
            UPDATE hub_audit SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
            head_hash := r.hash;
        END LOOP;
        ALTER TABLE hub_audit ENABLE TRIGGER hub_audit_no_change;
        INSERT INTO hub_audit_head (seq, hash) VALUES (head_seq, head_hash);
    END IF;
END $$;

ALTER TABLE hub_audit ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE hub_audit ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE hub_audit ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS hub_audit_by_chain ON hub_audit (chain_seq);

-- Runs with the rights of the schema's owner (SECURITY DEFINER), so that the application's role needs no right to
-- change the head itself.
CREATE OR REPLACE FUNCTION hub_audit_extend_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    head hub_audit_head;
BEGIN
    SELECT * INTO head FROM hub_audit_head WHERE singleton FOR UPDATE;
    NEW.chain_seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    NEW.hash := sha256(head.hash || hub_audit_canonical(NEW));
    UPDATE hub_audit_head SET seq = NEW.chain_seq, hash = NEW.hash WHERE singleton;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER hub_audit_chain BEFORE INSERT ON hub_audit FOR EACH ROW EXECUTE FUNCTION hub_audit_extend_chain();
