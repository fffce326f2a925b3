-- The grants made to a person name them only in the record's details ("grantee": "person hub:id"); a member's export
-- (GET /me/data) finds those records through this instead of reading the whole log. The condition is one the planner
-- can prove from the export's equality, so the index is used.
CREATE INDEX IF NOT EXISTS hub_audit_by_grantee ON hub_audit ((details->>'grantee'), id) WHERE (details->>'grantee') IS NOT NULL;
