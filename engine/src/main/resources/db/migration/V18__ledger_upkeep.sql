-- The ledger's life after sending (DeliveryUpkeep): rows without a receipt become NO_FEEDBACK
-- once their channel's feedback window has passed, and the rows of actions finished longer ago
-- than the retention are deleted after their counts were folded into cairn_action_outcome.

-- Per action execution and status, the recipients whose rows retention deleted. Statistics are
-- these counts plus the rows that remain; the rows are created at zero when a purge starts, so
-- that purging chunks only ever add to them (no insert races between nodes).
CREATE TABLE cairn_action_outcome (
  action_id  BIGINT      NOT NULL,
  status     VARCHAR(16) NOT NULL,
  recipients BIGINT      NOT NULL,
  PRIMARY KEY (action_id, status)
);

-- feedback_closed: every SENT row of the action has had its feedback window (the sweep skips it
-- from then on; replaying an incident opens it again). purged_at: when retention started to
-- delete the action's rows (segments can no longer be made of them).
ALTER TABLE cairn_action_execution ADD COLUMN feedback_closed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cairn_action_execution ADD COLUMN purged_at DATETIME;

-- Providers' health reads the latest actions of a connector.
CREATE INDEX cairn_action_execution_connector ON cairn_action_execution (connector_id, id);
