-- The outbox carries more than decisions: news of a member's standing for every other hub, too.
ALTER TABLE hub_outbox ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'decision';
