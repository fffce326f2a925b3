-- A person's own audit records are found by what they were about (GET /me/data, the export of a member's data):
-- without this, that search reads the whole log.
CREATE INDEX IF NOT EXISTS hub_audit_by_target ON hub_audit (target, id) WHERE target IS NOT NULL;
