-- A resource is found by its key at its publisher (an import's identifier) without reading every snapshot.
CREATE INDEX IF NOT EXISTS hub_resources_by_identifier ON hub_resources ((snapshot->>'identifier'));
