-- Tokens a person received before a change of their roles or password: refused from that second on, so that demoted
-- staff lose their staff rights at the next request rather than when their token expires.
CREATE TABLE IF NOT EXISTS hub_token_cutoffs (
    home_hub      text        NOT NULL,
    subject       text        NOT NULL,
    issued_before timestamptz NOT NULL,
    PRIMARY KEY (home_hub, subject)
);
