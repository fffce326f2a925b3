-- The federation authority's statements about the members, as last verified: a hub restarting while the authority
-- is away trusts the same members, each until its statement expires (they are verified again when loaded). The trust
-- list copied from the catalogue before is gone: the catalogue no longer decides whom a hub trusts.
CREATE TABLE IF NOT EXISTS hub_membership_statements (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    statements jsonb       NOT NULL,
    saved_at   timestamptz NOT NULL
);

DROP TABLE IF EXISTS hub_trust_list;
