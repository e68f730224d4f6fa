-- The entry component decides how a journey executes: AUDIENCE (cohort mode) or EVENT (one process
-- instance per entry). Every journey before this migration had an audience entry.
ALTER TABLE cairn_journey ADD COLUMN mode VARCHAR(16) NOT NULL DEFAULT 'AUDIENCE';
