CREATE TABLE IF NOT EXISTS hub_cluster (
    cluster_id text        PRIMARY KEY,
    version    integer     NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS hub_cluster_silos (
    cluster_id    text        NOT NULL REFERENCES hub_cluster ON DELETE CASCADE,
    silo          text        NOT NULL,
    row_version   integer     NOT NULL,
    status        integer     NOT NULL,
    proxy_port    integer     NOT NULL,
    host_name     text        NOT NULL,
    silo_name     text        NOT NULL,
    role_name     text,
    update_zone   integer     NOT NULL,
    fault_zone    integer     NOT NULL,
    -- [{"silo": "address:port@generation", "at": "…"}]: who suspects this silo, and since when
    suspicions    jsonb       NOT NULL,
    started_at    timestamptz NOT NULL,
    i_am_alive_at timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, silo)
);
