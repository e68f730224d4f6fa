-- A batch of ledger rows handed to a connector. Its rows stay PENDING while in flight: the batch's
-- outcomes are then recorded with one multi-row write, instead of one more write per recipient to
-- mark it IN_FLIGHT first. A lease still open when its dispatcher is gone (a crash, or a failed
-- outcome write) means its rows that were due at claimed_at may have reached the provider: they
-- become AMBIGUOUS, never sent again.
CREATE TABLE cairn_delivery_lease (
  id           BIGINT   AUTO_INCREMENT PRIMARY KEY,
  action_id    BIGINT   NOT NULL,
  first_entity INT      NOT NULL,
  last_entity  INT      NOT NULL,
  claimed_at   DATETIME NOT NULL
);
CREATE INDEX cairn_delivery_lease_action ON cairn_delivery_lease (action_id);
