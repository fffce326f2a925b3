CREATE TABLE IF NOT EXISTS access_requests (
    id                uuid PRIMARY KEY,
    resource_id       uuid        NOT NULL,
    requester_hub     text        NOT NULL,
    requester_sub     text        NOT NULL,
    requester_name    text        NOT NULL,
    organisation_id   text,
    organisation_name text,
    organisation_type text,
    purpose           text        NOT NULL,
    terms_accepted    boolean     NOT NULL,
    state             text        NOT NULL CHECK (state IN ('pending', 'approved', 'denied')),
    requested_at      timestamptz NOT NULL,
    decided_at        timestamptz,
    decided_by        text,
    decision_reason   text,
    grant_id          uuid
);
CREATE UNIQUE INDEX IF NOT EXISTS access_requests_one_pending
    ON access_requests (resource_id, requester_hub, requester_sub) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS access_requests_by_state ON access_requests (state, requested_at);
CREATE TABLE IF NOT EXISTS access_grants (
    id              uuid PRIMARY KEY,
    resource_id     uuid        NOT NULL,
    grantee_kind    text        NOT NULL CHECK (grantee_kind IN ('person', 'organisation', 'hub')),
    grantee_hub     text        NOT NULL,
    grantee_sub     text,
    grantee_org     text,
    request_id      uuid,
    granted_by      text        NOT NULL,
    granted_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    revoked_by      text,
    revoke_reason   text,
    CHECK ((grantee_kind = 'person') = (grantee_sub IS NOT NULL)),
    CHECK ((grantee_kind = 'organisation') = (grantee_org IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS access_grants_live ON access_grants (resource_id, grantee_hub) WHERE revoked_at IS NULL;
CREATE TABLE IF NOT EXISTS introductions (
    id                uuid PRIMARY KEY,
    offer_id          uuid        NOT NULL,
    requester_hub     text        NOT NULL,
    requester_sub     text        NOT NULL,
    requester_name    text        NOT NULL,
    organisation_name text,
    message           text        NOT NULL,
    state             text        NOT NULL CHECK (state IN ('pending', 'accepted', 'declined')),
    requested_at      timestamptz NOT NULL,
    decided_at        timestamptz,
    decided_by        text,
    decision_reason   text
);
CREATE UNIQUE INDEX IF NOT EXISTS introductions_one_pending
    ON introductions (offer_id, requester_hub, requester_sub) WHERE state = 'pending';
