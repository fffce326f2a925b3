CREATE TABLE IF NOT EXISTS hub_trust_list (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version    text        NOT NULL,
    hubs       jsonb       NOT NULL,
    fetched_at timestamptz NOT NULL
);
