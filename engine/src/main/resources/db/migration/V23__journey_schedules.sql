-- Audience-entry schedules and execution records per period.
-- entry_settings: the audience entry's schedule and "ids are AES-encrypted" flag in canonical form
-- (AudienceEntry.spec); NULL for journeys saved before schedules (they run once, now).
ALTER TABLE cairn_journey ADD COLUMN entry_settings VARCHAR(512);
-- When the scheduler launches the journey's next period; NULL when nothing is armed. A poller
-- claims a due journey by compare-and-set on this value in the transaction that launches the run.
ALTER TABLE cairn_journey ADD COLUMN next_run_at DATETIME;
CREATE INDEX cairn_journey_next_run ON cairn_journey (next_run_at);

-- period: the run's scheduled local date/time in the journey's zone (EntrySchedule.period); one
-- run per period and journey, whatever crashes or concurrent claims happen. NULL for older runs.
ALTER TABLE cairn_journey_run ADD COLUMN period VARCHAR(32);
ALTER TABLE cairn_journey_run ADD COLUMN scheduled_at DATETIME;
-- Encrypted audiences: members whose id did not decrypt / decrypted to no entity. NULL otherwise.
ALTER TABLE cairn_journey_run ADD COLUMN ids_undecryptable BIGINT;
ALTER TABLE cairn_journey_run ADD COLUMN ids_unmatched BIGINT;
CREATE UNIQUE INDEX cairn_journey_run_period ON cairn_journey_run (journey_id, period);
