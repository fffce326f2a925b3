-- The grants made to a person name them only in the record's details ("grantee": "person hub:id"); a member's export
-- (GET /me/data) finds those records through this instead of reading the whole log.
CREATE INDEX IF NOT EXISTS hub_audit_by_grantee ON hub_audit ((details->>'grantee'), id) WHERE details ? 'grantee';
