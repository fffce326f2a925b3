-- Compute: calls a facility opens and the applications it receives, reviews and decides (at a facility), and the
-- applications members send through their home hub (at a hub). Every node has the tables; each kind uses its own.

-- A facility's calls. awarded_hours grows with each award, under the call's row lock, never past capacity_hours.
CREATE TABLE IF NOT EXISTS compute_calls (
    id               uuid PRIMARY KEY,
    offer_id         uuid        NOT NULL,
    offer_title      text        NOT NULL,
    title            text        NOT NULL,
    description      text        NOT NULL,
    access_mode      text        NOT NULL,
    capacity_hours   bigint      NOT NULL CHECK (capacity_hours > 0),
    awarded_hours    bigint      NOT NULL DEFAULT 0,
    eligibility      text[]      NOT NULL,
    deadline         timestamptz NOT NULL,
    required_reviews integer     NOT NULL CHECK (required_reviews BETWEEN 0 AND 5),
    max_allocation_hours bigint,
    allocation_start date        NOT NULL,
    allocation_end   date        NOT NULL,
    opened_at        timestamptz NOT NULL,
    opened_by        text        NOT NULL,
    closed_at        timestamptz,
    CHECK (awarded_hours <= capacity_hours),
    CHECK (allocation_end > allocation_start)
);
CREATE INDEX IF NOT EXISTS compute_calls_by_deadline ON compute_calls (deadline DESC);

-- Applications a facility received from home hubs, as the home hub signed them; one per application id.
CREATE TABLE IF NOT EXISTS compute_received (
    id             uuid PRIMARY KEY,
    call_id        uuid        NOT NULL REFERENCES compute_calls (id),
    hub_id         text        NOT NULL,
    application    jsonb       NOT NULL,
    state          text        NOT NULL CHECK (state IN ('received', 'awarded', 'rejected')),
    received_at    timestamptz NOT NULL,
    decided_at     timestamptz,
    decided_by     text,
    reason         text,
    allocation_id  uuid
);
CREATE INDEX IF NOT EXISTS compute_received_by_call ON compute_received (call_id, state);

-- Reviewers' scores; one per reviewer and application.
CREATE TABLE IF NOT EXISTS compute_reviews (
    application_id uuid        NOT NULL REFERENCES compute_received (id),
    reviewer_sub   text        NOT NULL,
    reviewer_name  text        NOT NULL,
    score          integer     NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment        text        NOT NULL,
    reviewed_at    timestamptz NOT NULL,
    PRIMARY KEY (application_id, reviewer_sub)
);

-- What a facility awarded: an allocation with its quota.
CREATE TABLE IF NOT EXISTS compute_allocations (
    id             uuid PRIMARY KEY,
    application_id uuid        NOT NULL UNIQUE REFERENCES compute_received (id),
    call_id        uuid        NOT NULL REFERENCES compute_calls (id),
    hub_id         text        NOT NULL,
    partition      text        NOT NULL,
    hours          bigint      NOT NULL CHECK (hours > 0),
    starts_on      date        NOT NULL,
    ends_on        date        NOT NULL,
    awarded_at     timestamptz NOT NULL,
    -- What the open accounting counts it under (the organisation only when its applicant consented to be named).
    province          text     NOT NULL,
    organisation_type text     NOT NULL,
    sector            text,
    access_mode       text     NOT NULL,
    organisation_name text,
    heat_reused       boolean  NOT NULL,
    -- The scheduler account its jobs run under, and what they used so far (summed as each import lands).
    account        text        NOT NULL UNIQUE,
    used_hours     numeric     NOT NULL DEFAULT 0,
    energy_kwh     numeric     NOT NULL DEFAULT 0,
    jobs           bigint      NOT NULL DEFAULT 0,
    usage_version  bigint      NOT NULL DEFAULT 0,
    CHECK (ends_on >= starts_on)
);

-- Each scheduler job counted once (its id, prefixed by its cluster's name when the accounting names one), against the
-- allocation of its account.
CREATE TABLE IF NOT EXISTS compute_usage (
    job_id            text        PRIMARY KEY,
    allocation_id     uuid        NOT NULL REFERENCES compute_allocations (id),
    gpus              integer     NOT NULL CHECK (gpus >= 0),
    elapsed_seconds   bigint      NOT NULL CHECK (elapsed_seconds >= 0),
    accelerator_hours numeric     NOT NULL CHECK (accelerator_hours >= 0),
    energy_kwh        numeric     CHECK (energy_kwh >= 0),
    ended_at          timestamptz,
    imported_at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS compute_usage_by_allocation ON compute_usage (allocation_id);

-- Applications members of this hub sent; the whole application as the member and staff shaped it.
CREATE TABLE IF NOT EXISTS compute_applications (
    id            uuid PRIMARY KEY,
    member_sub    text        NOT NULL,
    facility_id   text        NOT NULL,
    call_id       uuid        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('submitted', 'returned', 'endorsed', 'awarded', 'rejected')),
    application   jsonb       NOT NULL,
    submitted_at  timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS compute_applications_by_member ON compute_applications (member_sub, submitted_at DESC);
CREATE INDEX IF NOT EXISTS compute_applications_by_state ON compute_applications (state, submitted_at);
-- A member answers a call once (a returned application is edited, not sent again).
CREATE UNIQUE INDEX IF NOT EXISTS compute_applications_one_per_call ON compute_applications (member_sub, call_id);

-- The open accounting, kept as it happens rather than summed per request: per month, per dimension (all, hub,
-- province, organisationType, sector, accessMode, organisation) and value, per measure (offered, applications, awarded,
-- decisions, decisionDays, usedHours, energyKwh, energyAtHeatReuseKwh), one running amount. No person is ever a value.
CREATE TABLE IF NOT EXISTS compute_ledger (
    month     date    NOT NULL,
    dimension text    NOT NULL,
    value     text    NOT NULL,
    measure   text    NOT NULL,
    amount    numeric NOT NULL,
    PRIMARY KEY (month, dimension, value, measure)
);
