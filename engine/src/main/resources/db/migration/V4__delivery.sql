-- The delivery ledger: one action execution per action node per run token, one row per recipient.
CREATE TABLE cairn_action_execution (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  journey_id           BIGINT       NOT NULL,
  run_id               BIGINT       NOT NULL,
  element_id           VARCHAR(255) NOT NULL,
  activity_instance_id VARCHAR(64)  NOT NULL,
  channel              VARCHAR(16)  NOT NULL,
  connector_id         VARCHAR(64)  NOT NULL,
  entity_type          VARCHAR(32)  NOT NULL,
  settings             LONGTEXT     NOT NULL,
  recipients           BIGINT       NOT NULL,
  status               VARCHAR(16)  NOT NULL,
  created_at           DATETIME     NOT NULL,
  finished_at          DATETIME,
  CONSTRAINT cairn_action_execution_activity UNIQUE (activity_instance_id)
);
CREATE INDEX cairn_action_execution_run ON cairn_action_execution (run_id);
CREATE INDEX cairn_action_execution_status ON cairn_action_execution (status);

-- status: PENDING -> IN_FLIGHT -> SENT | FAILED | SKIPPED | AMBIGUOUS (PENDING again on retry)
CREATE TABLE cairn_delivery (
  action_id        BIGINT       NOT NULL,
  entity_id        INT          NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  recipient        VARCHAR(320),
  reason           VARCHAR(512),
  provider_ref     VARCHAR(128),
  attempts         INT          NOT NULL,
  next_attempt_at  DATETIME,
  updated_at       DATETIME     NOT NULL,
  PRIMARY KEY (action_id, entity_id)
);
CREATE INDEX cairn_delivery_status ON cairn_delivery (action_id, status);
