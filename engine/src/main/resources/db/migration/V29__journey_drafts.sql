-- A journey can be saved while it is not valid yet (INCOMPLETE, a draft the marketer keeps
-- editing): it has no process definition until it validates, and the problems found are kept so
-- they can be shown with the journey.
ALTER TABLE cairn_journey MODIFY COLUMN definition_id VARCHAR(64) NULL;
ALTER TABLE cairn_journey ADD COLUMN problems LONGTEXT;
