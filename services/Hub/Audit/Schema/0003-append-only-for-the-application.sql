-- The audit log and its chain head are append-only for the application's role: it may read them and add records
-- (the chain trigger moves the head with the owner's rights), never change or remove one. See SchemaOwnership.
INSERT INTO schema_append_only_tables (table_name) VALUES ('hub_audit'), ('hub_audit_head') ON CONFLICT DO NOTHING;
