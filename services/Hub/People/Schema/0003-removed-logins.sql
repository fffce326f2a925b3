-- The upstream sign-ins of people staff removed: an admission rule does not let them straight back in; they ask to
-- join again and staff decide. (A person who closes their own account leaves no such mark.)
CREATE TABLE IF NOT EXISTS hub_removed_logins (
    provider   text        NOT NULL,
    subject    text        NOT NULL,
    removed_at timestamptz NOT NULL,
    PRIMARY KEY (provider, subject)
);
