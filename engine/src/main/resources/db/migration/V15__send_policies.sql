-- Send policies (DeliveryPolicies): checked when a ledger row is dispatched, never when it is
-- written, so that a suppression or a cap reached in the meantime still holds.

-- Addresses that must not receive a channel's messages (STOP replies, unsubscribes, manual
-- entries). Only the SHA-256 of the normalised address is kept, plus a masked hint for people.
CREATE TABLE cairn_suppression (
  channel      VARCHAR(16)  NOT NULL,
  address_hash CHAR(64)     NOT NULL,
  hint         VARCHAR(64)  NOT NULL,
  source       VARCHAR(32)  NOT NULL,
  created_at   DATETIME     NOT NULL,
  PRIMARY KEY (channel, address_hash)
);
CREATE INDEX cairn_suppression_created ON cairn_suppression (channel, created_at);

-- Messages counted against a recipient's frequency cap, per channel and period (the period's
-- first day). The conditional increment "cnt = cnt + 1 WHERE cnt < max" on this row is what keeps
-- concurrent journeys under the cap.
CREATE TABLE cairn_send_count (
  entity_type  VARCHAR(32) NOT NULL,
  entity_id    INT         NOT NULL,
  channel      VARCHAR(16) NOT NULL,
  period_start DATE        NOT NULL,
  cnt          INT         NOT NULL,
  PRIMARY KEY (entity_type, entity_id, channel, period_start)
);

-- Keys Cairn generates for itself on first use (e.g. the key that signs unsubscribe links), so
-- that links sent before a restart keep working.
CREATE TABLE cairn_secret (
  name       VARCHAR(32)  NOT NULL PRIMARY KEY,
  secret     VARCHAR(128) NOT NULL,
  created_at DATETIME     NOT NULL
);

-- Recipients whose retries ran out, per action execution: an incident an operator sees and can
-- replay (the rows go back to PENDING with fresh attempts). At most one open incident per action.
CREATE TABLE cairn_delivery_incident (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  action_id   BIGINT        NOT NULL,
  recipients  BIGINT        NOT NULL,
  reason      VARCHAR(512)  NOT NULL,
  created_at  DATETIME      NOT NULL,
  replayed_at DATETIME
);
CREATE INDEX cairn_delivery_incident_action ON cairn_delivery_incident (action_id);
