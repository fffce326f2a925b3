-- People are named in the audit log by their id alone (actor_sub at actor_hub); their display name is kept here,
-- beside it, and shown with the records. The log itself is append-only and hash-chained and so can never forget a
-- name; this table can: closing an account deletes the person's row, and from then on the records name them only
-- by their id (pseudonymised). Records written before this step keep the name they were written with.
CREATE TABLE IF NOT EXISTS hub_audit_people (
    actor_hub text NOT NULL,
    actor_sub text NOT NULL,
    name      text NOT NULL,
    PRIMARY KEY (actor_hub, actor_sub)
);
